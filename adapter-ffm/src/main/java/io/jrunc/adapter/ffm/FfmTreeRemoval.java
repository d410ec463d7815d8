package io.jrunc.adapter.ffm;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * rm -rf that stays on the tree's own mount: a directory on another device, or any mount point (a bind
 * mount of the same filesystem has the same device), is left alone, so a container's leftover bind mount
 * of a host directory never gets its host files deleted. Symlinks are removed, never followed.
 */
final class FfmTreeRemoval {
    private FfmTreeRemoval() {
    }

    static void remove(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(root);
                return;
            }
            Object device = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            Set<Path> mountPoints = mountPoints();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    boolean otherMount = !dir.equals(root) && (mountPoints.contains(dir.toAbsolutePath())
                            || !device.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS)));
                    return otherMount ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw FfmNioErrors.toSyscallException("removeTree", root.toString(), e);
        }
    }

    /** The calling thread's mount points: it may have a mount namespace of its own. */
    private static Set<Path> mountPoints() {
        return FfmFileIo.readIfExists("/proc/thread-self/mountinfo").map(FfmMountInfo::parse).orElse(java.util.List.of())
                .stream().map(m -> Path.of(m.mountPoint())).collect(Collectors.toSet());
    }
}
