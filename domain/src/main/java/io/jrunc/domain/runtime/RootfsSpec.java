package io.jrunc.domain.runtime;

import io.jrunc.ports.model.MountFlag;
import java.util.List;
import java.util.Set;

/**
 * Everything the init needs to build the container's root filesystem.
 *
 * @param path        the root's absolute host path
 * @param propagation rootfsPropagation; runc's default is rslave, so the host's later mounts still reach
 *                    the container but none of the container's reach the host
 * @param noPivot     chroot-style switch with MS_MOVE instead of pivot_root (runc --no-pivot)
 * @param cgroupNamespace whether the container has a cgroup namespace (new or joined): its "cgroup" mounts
 *                    are then that namespace's view; without one they are binds of its own cgroups, as runc's
 * @param mountNamespace whether the container has a mount namespace (new or joined); without one it shares its
 *                    caller's, where nothing is mounted: the init only chroots into the root
 */
public record RootfsSpec(String path, boolean readonly, Set<MountFlag> propagation, List<MountSpec> mounts,
                         List<DeviceSpec> devices, boolean noPivot, boolean cgroupNamespace, boolean mountNamespace) {
    public RootfsSpec {
        propagation = Set.copyOf(propagation);
        mounts = List.copyOf(mounts);
        devices = List.copyOf(devices);
    }

    public RootfsSpec withMounts(List<MountSpec> newMounts) {
        return new RootfsSpec(path, readonly, propagation, newMounts, devices, noPivot, cgroupNamespace, mountNamespace);
    }
}
