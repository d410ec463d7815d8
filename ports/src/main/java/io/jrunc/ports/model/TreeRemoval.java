package io.jrunc.ports.model;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * rm -rf that follows no symlink and enters no mount point: a container's rootfs may still have the host's
 * /dev or a volume bind-mounted in it, and their content is not ours to delete. Everything else is
 * removed; then the first mount point found inside is reported with EBUSY, as rmdir of it would. Both
 * native backends remove trees with it (pure JDK: the mount points come from their mountinfo).
 */
public final class TreeRemoval {
    private final Set<Path> mountPoints;
    private Object rootDevice;
    private Path firstMountPoint;

    private TreeRemoval(Set<Path> mountPoints) {
        this.mountPoints = mountPoints;
    }

    /**
     * Removes {@code root} and what is below it; nothing when it is not there.
     *
     * @param mountPoints the caller's mount points (bind mounts of the same filesystem share st_dev, so a
     *                    change of device alone would miss them)
     */
    public static void remove(Path root, Set<Path> mountPoints) {
        new TreeRemoval(mountPoints).removeAll(root.toAbsolutePath().normalize());
    }

    private void removeAll(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            delete(root);
            return;
        }
        rootDevice = device(root);
        removeContent(root);
        if (firstMountPoint != null) {
            throw new SyscallException("rmdir", Errno.EBUSY, firstMountPoint.toString());
        }
        delete(root);
    }

    /** Returns whether a mount point was left inside {@code dir}. */
    private boolean removeContent(Path dir) {
        boolean mountLeft = false;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    delete(child);
                } else if (isMountPoint(child)) {
                    firstMountPoint = firstMountPoint == null ? child : firstMountPoint;
                    mountLeft = true;
                } else if (removeContent(child)) {
                    mountLeft = true;
                } else {
                    delete(child);
                }
            }
        } catch (NoSuchFileException e) {
            // removed by someone else meanwhile: that is what we wanted
        } catch (IOException e) {
            throw syscallException("open", dir, e);
        }
        return mountLeft;
    }

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

    /** unlink(2) or rmdir(2); nothing when it is gone already. */
    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw syscallException(Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "rmdir" : "unlink", path, e);
        }
    }

    static SyscallException syscallException(String syscall, Path path, IOException e) {
        return new SyscallException(syscall, errno(e), path.toString());
    }

    /** The errno behind a java.nio exception: by its type, else by the strerror text it carries. */
    static Errno errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        } else if (e instanceof FileAlreadyExistsException) {
            return Errno.EEXIST;
        } else if (e instanceof DirectoryNotEmptyException) {
            return Errno.ENOTEMPTY;
        } else if (e instanceof NotDirectoryException) {
            return Errno.ENOTDIR;
        } else if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        } else if (e instanceof FileSystemLoopException) {
            return Errno.ELOOP;
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return byDescription(((FileSystemException) e).getReason());
        }
        return Errno.EIO;
    }

    /** strerror's text and Go's differ only in case for the errnos named ("Device or resource busy"). */
    private static Errno byDescription(String reason) {
        for (Errno errno : Errno.values()) {
            if (errno.description().equalsIgnoreCase(reason.trim())) {
                return errno;
            }
        }
        return Errno.EIO;
    }
}
