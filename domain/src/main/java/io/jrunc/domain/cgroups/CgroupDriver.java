package io.jrunc.domain.cgroups;

import io.jrunc.domain.container.ContainerId;
import java.util.Map;
import java.util.Optional;

/**
 * Where containers' cgroups live and who makes them: cgroupfs directly (v1, v2 or hybrid, as the host
 * mounts it), or systemd scopes with {@code --systemd-cgroup}.
 */
public interface CgroupDriver {
    /**
     * The cgroup a new container gets, from {@code linux.cgroupsPath} (absent: runc's default for this driver).
     * Nothing is made on the host until {@link ContainerCgroup#create()}.
     */
    ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath);

    /**
     * The same, for a driver that also reads the config's annotations: systemd's makes its unit's extra
     * properties of {@code org.systemd.property.*}. Others ignore them.
     */
    default ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath,
                                            Map<String, String> annotations) {
        return forNewContainer(id, cgroupsPath);
    }

    /** The cgroup of an existing container, from the paths its state recorded. */
    ContainerCgroup forExistingContainer(ContainerId id, Map<String, String> paths);

    /** What a container's state records of the driver that made its cgroup ({@code StoredState.cgroupDriver}). */
    default String name() {
        return "cgroupfs";
    }

    /**
     * The cgroup of an existing container made by the driver its state names, which may not be this one: a
     * container made with {@code --systemd-cgroup} stays systemd's for a command run without the flag.
     */
    default ContainerCgroup forExistingContainer(ContainerId id, String recordedDriver, Map<String, String> paths) {
        return forExistingContainer(id, paths);
    }
}
