package io.jrunc.domain.cgroups;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the host mounts cgroups, from the hierarchies the Cgroups port lists: "" alone is cgroup v2;
 * controller mounts ("memory", "cpu,cpuacct") are v1; both are a hybrid host, where the v1 controllers do
 * the work and the unified hierarchy only tracks membership (as systemd sets it up).
 */
record HostLayout(List<String> v1Mounts, boolean unified) {
    /** The v1 controllers the kernel has; a v1 mount named otherwise is a named hierarchy (name=systemd). */
    static final Set<String> V1_CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer",
            "net_cls", "net_prio", "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc");

    HostLayout {
        v1Mounts = List.copyOf(v1Mounts);
    }

    static HostLayout of(List<String> hierarchies) {
        List<String> v1 = new ArrayList<>();
        for (String h : hierarchies) {
            if (!h.isEmpty()) {
                v1.add(h);
            }
        }
        return new HostLayout(v1, hierarchies.contains(""));
    }

    boolean pureV2() {
        return v1Mounts.isEmpty() && unified;
    }

    /** The v1 mount a controller lives in ("cpuacct" → "cpu,cpuacct" where they are mounted together). */
    Optional<String> mountOf(String controller) {
        for (String mount : v1Mounts) {
            for (String c : mount.split(",")) {
                if (c.equals(controller)) {
                    return Optional.of(mount);
                }
            }
        }
        return Optional.empty();
    }

    /** Controller name to mount, for every v1 controller the host mounts. */
    Map<String, String> controllers() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String mount : v1Mounts) {
            for (String c : mount.split(",")) {
                if (V1_CONTROLLERS.contains(c)) {
                    out.put(c, mount);
                }
            }
        }
        return out;
    }
}
