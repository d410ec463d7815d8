package io.jrunc.domain.init;

import io.jrunc.domain.cgroups.OwnCgroups;
import io.jrunc.domain.runtime.MountSpec;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A mount of type "cgroup" means "the cgroup filesystem as this host has it", as in runc: on a pure v2 host
 * one cgroup2 mount; on a v1 (or hybrid) host a tmpfs with one cgroup mount per v1 hierarchy in it, and
 * links for the controllers mounted together ("cpu" → "cpu,cpuacct"). A hybrid host's unified hierarchy,
 * which holds no controller, is left out, as runc leaves it out.
 * The container sees only its own cgroups: in a cgroup namespace each hierarchy is mounted afresh, which
 * shows the namespace's root, the container's cgroup; without one, each is a bind of the container's cgroup
 * directory on the host (runc's binds), as the init's /proc/self/cgroup names it.
 */
final class CgroupMount {
    private static final Set<String> CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices",
            "freezer", "net_cls", "net_prio", "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc");

    private final Mounts mounts;
    private final Filesystem fs;
    private final Cgroups cgroups;
    private final InitProcess init;

    CgroupMount(Mounts mounts, Filesystem fs, Cgroups cgroups, InitProcess init) {
        this.mounts = mounts;
        this.fs = fs;
        this.cgroups = cgroups;
        this.init = init;
    }

    /**
     * The cgroup mount at {@code target}, a path under {@code root} with no link left in it. Every mount, directory
     * and link is made beneath {@code root} (openat2, no link followed): a link swapped in after the destination was
     * resolved cannot lead any of them out of the root (CVE-2021-30465's race).
     */
    void mount(String root, String target, MountSpec m, boolean cgroupNamespace) {
        List<String> hierarchies = cgroups.hierarchies();
        EnumSet<MountFlag> flags = m.flags().isEmpty() ? EnumSet.noneOf(MountFlag.class) : EnumSet.copyOf(m.flags());
        // Read once the init is in the container's cgroups, which create saw to before the init's first step.
        OwnCgroups own = cgroupNamespace ? null : OwnCgroups.parse(init.readOwn("cgroup"));
        if (hierarchies.equals(List.of(""))) {
            hierarchy(root, "", target, flags, own);
            return;
        }
        // The tmpfs stays writable until the hierarchies are mounted in it, then follows the mount's flags.
        mounts.mountBeneath(root, MountRequest.of("tmpfs", target, "tmpfs",
                EnumSet.of(MountFlag.MS_NOSUID, MountFlag.MS_NODEV, MountFlag.MS_NOEXEC), "mode=755"));
        for (String h : hierarchies) {
            if (h.isEmpty()) {
                continue;
            }
            String dir = target + "/" + h;
            fs.mkdirsBeneath(root, dir, 0755);
            hierarchy(root, h, dir, flags, own);
            links(root, target, h);
        }
        if (flags.contains(MountFlag.MS_RDONLY)) {
            mounts.mountBeneath(root, MountRequest.of("tmpfs", target, "tmpfs", EnumSet.of(MountFlag.MS_REMOUNT, MountFlag.MS_RDONLY,
                    MountFlag.MS_NOSUID, MountFlag.MS_NODEV, MountFlag.MS_NOEXEC), "mode=755"));
        }
    }

    /** One hierarchy at {@code dir}: mounted afresh in a cgroup namespace, else the bind of the init's cgroup. */
    private void hierarchy(String root, String h, String dir, Set<MountFlag> flags, OwnCgroups own) {
        if (own == null) {
            mounts.mountBeneath(root, h.isEmpty() ? MountRequest.of("cgroup2", dir, "cgroup2", flags, "")
                    : MountRequest.of("cgroup", dir, "cgroup", flags, options(h)));
            return;
        }
        String source = cgroups.directory(h, own.of(h));
        mounts.mountBeneath(root, MountRequest.of(source, dir, "", EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REC), ""));
        EnumSet<MountFlag> remount = EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REMOUNT);
        remount.addAll(flags);
        remount.remove(MountFlag.MS_REC);
        mounts.mountBeneath(root, MountRequest.of(source, dir, "", remount, ""));
    }

    /** Controllers by name; a named hierarchy without controllers ("systemd") by "none,name=…". */
    static String options(String hierarchy) {
        for (String part : hierarchy.split(",")) {
            if (!CONTROLLERS.contains(part)) {
                return "none,name=" + hierarchy;
            }
        }
        return hierarchy;
    }

    private void links(String root, String target, String hierarchy) {
        String[] parts = hierarchy.split(",");
        if (parts.length < 2) {
            return;
        }
        for (String part : parts) {
            String link = target + "/" + part;
            if (!fs.exists(link)) {
                fs.symlinkBeneath(root, hierarchy, link);
            }
        }
    }
}
