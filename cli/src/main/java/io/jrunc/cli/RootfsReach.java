package io.jrunc.cli;

import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.IdMappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the root of a container with a user namespace of its own can reach its rootfs: the init, as that root
 * (the mapped uid and gid on the host, with no other group), mounts /proc beneath it, as runc's init does, and
 * fails with EACCES half-way through create when a directory on the way is closed to it (a bundle under a 0700
 * directory of host root's). Said before anything is made, by the kernel's rule for each directory: the owner's
 * bits for its owner, else the group's for its group, else the others'. ACLs are not read.
 */
final class RootfsReach {
    private RootfsReach() {
    }

    /** The error, or empty when every directory from / down to the rootfs is searchable by the mapped root. */
    static Optional<String> check(ContainerConfig config) {
        IdMappings ids = config.idMappings();
        if (ids.equals(IdMappings.NONE)) {
            return Optional.empty();
        }
        long uid = ids.hostUid(0).orElse(-1);
        long gid = ids.hostGid(0).orElse(-1);
        Path rootfs = Path.of(config.rootfs().path()).toAbsolutePath().normalize();
        Path at = rootfs.getRoot();
        for (int i = 0; i <= rootfs.getNameCount(); i++) {
            if (i > 0) {
                at = at.resolve(rootfs.getName(i - 1));
            }
            try {
                int mode = (Integer) Files.getAttribute(at, "unix:mode");
                int owner = (Integer) Files.getAttribute(at, "unix:uid");
                int group = (Integer) Files.getAttribute(at, "unix:gid");
                int bit = Integer.toUnsignedLong(owner) == uid ? 0100 : Integer.toUnsignedLong(group) == gid ? 010 : 01;
                // A directory whose owner and group both map into the namespace its root searches by
                // CAP_DAC_READ_SEARCH, whatever its mode (podman's --userns keep-id: the user's home).
                boolean mapped = mapped(ids.uids(), Integer.toUnsignedLong(owner))
                        && mapped(ids.gids(), Integer.toUnsignedLong(group));
                if ((mode & bit) == 0 && !mapped) {
                    return Optional.of("rootfs (\"" + rootfs + "\") is out of reach of the container's root (uid " + uid
                            + ", gid " + gid + " on the host): " + at + " is not searchable by it");
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return Optional.empty(); // create says what is wrong with the path itself
            }
        }
        return Optional.empty();
    }

    private static boolean mapped(java.util.List<io.jrunc.domain.config.IdMapping> ranges, long hostId) {
        return ranges.stream().anyMatch(r -> hostId >= r.hostID() && hostId - r.hostID() < r.size());
    }
}
