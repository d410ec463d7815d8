package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * rm -rf that follows no symlink and enters no mount point: a container's rootfs may still have the
 * host's /dev or a volume bind-mounted in it, and their content is not ours to delete. Everything else
 * is removed; then a mount point found inside is reported with EBUSY, as rmdir of it would.
 */
final class JnaTreeRemoval {
    private final JnaFilesystem filesystem;
    private final Set<Path> mountPoints = new HashSet<>();
    private Object rootDevice;
    private Path firstMountPoint;

    JnaTreeRemoval(JnaFilesystem filesystem) {
        this.filesystem = filesystem;
    }

    void remove(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            filesystem.remove(root.toString());
            return;
        }
        for (JnaMountPoints.JnaMount entry : JnaMountPoints.current()) {
            mountPoints.add(Path.of(entry.mountPoint));
        }
        rootDevice = device(root);
        removeContent(root);
        if (firstMountPoint != null) {
            throw new SyscallException("rmdir", Errno.EBUSY, firstMountPoint.toString());
        }
        filesystem.remove(root.toString());
    }

    /** Returns whether a mount point was left inside {@code dir}. */
    private boolean removeContent(Path dir) {
        boolean mountLeft = false;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    filesystem.remove(child.toString());
                } else if (isMountPoint(child)) {
                    firstMountPoint = firstMountPoint == null ? child : firstMountPoint;
                    mountLeft = true;
                } else if (removeContent(child)) {
                    mountLeft = true;
                } else {
                    filesystem.remove(child.toString());
                }
            }
        } catch (NoSuchFileException e) {
            // removed by someone else meanwhile: that is what we wanted
        } catch (IOException e) {
            throw JnaCheck.io("open", dir.toString(), e);
        }
        return mountLeft;
    }

    /** Bind mounts of the same filesystem share st_dev, so mountinfo is asked too. */
    private boolean isMountPoint(Path dir) {
        return mountPoints.contains(dir) || !Objects.equals(device(dir), rootDevice);
    }

    private static Object device(Path path) {
        try {
            return Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
