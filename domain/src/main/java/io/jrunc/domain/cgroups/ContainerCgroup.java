package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.Resources;
import java.util.List;
import java.util.Map;

/**
 * The cgroup (one per hierarchy on v1, one on v2) of a single container. Made by a {@link CgroupDriver},
 * either for a container being created or from the paths a container's saved state recorded.
 */
public interface ContainerCgroup {
    /** Hierarchy ("" for the unified one, else the v1 mount name) to path, as saved in the container's state. */
    Map<String, String> paths();

    /**
     * Refuses, with a {@link CgroupError} naming the spec field, values this cgroup could never take (a swap
     * limit below the memory limit, unified files on v1, …), before anything is made. {@link #apply} checks
     * them too.
     */
    default void check(Resources resources) {
    }

    /** Makes the cgroup directories; on failure nothing it made is left. */
    void create();

    /** Moves a process in, in every hierarchy; done for the init before it may run the user's program. */
    void join(int pid);

    /**
     * runc exec --cgroup: moves a process into existing sub-cgroups of this one. {@code subs} maps a controller
     * ("cpu", "name=systemd") to a path below the container's cgroup in its hierarchy; "" names every hierarchy
     * no controller names (and cgroup v2's). Empty: {@link #join}.
     */
    default void joinSub(int pid, java.util.Map<String, String> subs) {
        if (subs.isEmpty()) {
            join(pid);
            return;
        }
        throw new CgroupError("--cgroup", "sub-cgroups are not supported with this cgroup driver");
    }

    /**
     * Writes every resource the spec sets. A value the kernel or the checks refuse fails with a
     * {@link CgroupError} naming the spec field ({@code linux.resources.memory.limit}, …).
     */
    void apply(Resources resources);

    /** Same as {@link #apply} for a running container: only the fields given change ({@code runc update}). */
    void update(Resources resources);

    /** Freezes every process in the cgroup and returns once the kernel reports it frozen. */
    void freeze();

    void thaw();

    boolean frozen();

    /** Every process in the cgroup (cgroup.procs), in the host's pid namespace. */
    List<Integer> processes();

    CgroupStats stats();

    /**
     * How many processes the kernel's OOM killer has killed in the cgroup so far (v1 memory.oom_control,
     * v2 memory.events {@code oom_kill}); 0 where the host does not count them. {@code events} reports a rise.
     */
    default long oomKills() {
        return 0;
    }

    /** Removes the cgroup directories; the processes must be gone. Harmless when already removed. */
    void destroy();
}
