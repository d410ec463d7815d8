package io.jrunc.ports.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * runc's {@code tmpcopyup}: what a directory of the image holds is copied into the filesystem just mounted over
 * it. Directories, regular files and symbolic links (copied as links, never followed), each with its owner, mode
 * and modification time; device nodes, fifos and sockets are passed over. Pure JDK, shared by both native
 * backends ({@link BeneathRoot#mountCopyingUp}).
 */
public final class CopyUp {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private CopyUp() {
    }

    /**
     * Copies the content of {@code from} into {@code to}; both may be /proc/self/fd links to directories, which
     * are followed (only there): everything below them is taken as it is.
     */
    public static void copy(Path from, Path to) {
        try {
            copyContent(from, to);
        } catch (FileSystemException e) {
            throw new SyscallException("copyup", Errno.EIO, e.getFile() + ": " + e.getReason());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyContent(Path from, Path to) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
            for (Path child : children) {
                copyEntry(child, to.resolve(child.getFileName().toString()));
            }
        }
    }

    private static void copyEntry(Path source, Path target) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(source, "unix:mode,uid,gid,lastModifiedTime", NOFOLLOW);
        int mode = (Integer) attributes.get("mode");
        switch (mode & S_IFMT) {
            case S_IFDIR -> {
                Files.createDirectory(target);
                copyContent(source, target);
            }
            case S_IFREG -> Files.copy(source, target, LinkOption.NOFOLLOW_LINKS);
            case S_IFLNK -> Files.createSymbolicLink(target, Files.readSymbolicLink(source));
            default -> {
                return; // a node, fifo or socket: nothing a tmpfs over a directory of the image needs
            }
        }
        // Owner first: chown clears the set-id bits that the mode then sets again.
        Files.setAttribute(target, "unix:uid", attributes.get("uid"), NOFOLLOW);
        Files.setAttribute(target, "unix:gid", attributes.get("gid"), NOFOLLOW);
        if ((mode & S_IFMT) != S_IFLNK) {
            Files.setAttribute(target, "unix:mode", mode & 07777, NOFOLLOW);
            Files.setLastModifiedTime(target, (FileTime) attributes.get("lastModifiedTime"));
        }
    }
}
