package io.jrunc.ports.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cgroup hierarchies a host mounts under /sys/fs/cgroup, read from its mountinfo: one per v1 hierarchy, named
 * by its directory ("memory", "cpu,cpuacct"), and "" for the unified one, which is /sys/fs/cgroup itself on a
 * pure v2 host and /sys/fs/cgroup/unified on a hybrid one. Both native backends resolve cgroup paths with it,
 * reading mountinfo once rather than on every file of the unified hierarchy.
 */
public final class CgroupHierarchies {
    public static final String ROOT = "/sys/fs/cgroup";

    private final List<String> names;
    private final Optional<String> unifiedMount;

    private CgroupHierarchies(List<String> names, Optional<String> unifiedMount) {
        this.names = names;
        this.unifiedMount = unifiedMount;
    }

    public static CgroupHierarchies of(List<MountInfo> mounts) {
        List<String> names = new ArrayList<>();
        Optional<String> unified = Optional.empty();
        for (MountInfo mount : mounts) {
            String point = mount.mountPoint();
            boolean underRoot = point.equals(ROOT) || point.startsWith(ROOT + "/");
            String name = null;
            if (mount.fstype().equals("cgroup2") && underRoot) {
                name = "";
                unified = unified.or(() -> Optional.of(point));
            } else if (mount.fstype().equals("cgroup") && point.startsWith(ROOT + "/")) {
                name = point.substring(ROOT.length() + 1);
            }
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        return new CgroupHierarchies(List.copyOf(names), unified);
    }

    /** In mountinfo's order. */
    public List<String> names() {
        return names;
    }

    /** Where the hierarchy is mounted; ENOENT for the unified one on a host without it. */
    public String mountPoint(String hierarchy) {
        if (!hierarchy.isEmpty()) {
            return ROOT + "/" + hierarchy;
        }
        return unifiedMount.orElseThrow(() ->
                new SyscallException("open", Errno.ENOENT, "no cgroup2 hierarchy is mounted under " + ROOT));
    }

    /** The host directory of a cgroup path (absolute or not) in a hierarchy. */
    public String directory(String hierarchy, String path) {
        String relative = path.replaceAll("^/+", "");
        return mountPoint(hierarchy) + (relative.isEmpty() ? "" : "/" + relative);
    }
}
