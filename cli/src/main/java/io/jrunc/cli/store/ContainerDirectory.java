package io.jrunc.cli.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One container's directory under the root, held open by its fd, and the files in it read and written
 * relative to that fd (openat, renameat). No link is followed: not one planted at the container's name (it is
 * no container, as runc says), nor one at a file's name in it, so nothing under the root leads elsewhere,
 * even if it is swapped in between the look and the open.
 */
final class ContainerDirectory implements AutoCloseable {
    private final Path path;
    private final SecureDirectoryStream<Path> dir;

    private ContainerDirectory(Path path, SecureDirectoryStream<Path> dir) {
        this.path = path;
        this.dir = dir;
    }

    /** The directory {@code name} in {@code root}; empty when nothing is there, or something that is no directory. */
    static Optional<ContainerDirectory> open(Path root, String name) {
        Path path = root.resolve(name);
        try {
            // A look first, so that a fifo at the name is never opened (the open would block).
            if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) {
                return Optional.empty();
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw IoErrors.toSyscall("lstat", path, e);
        }
        try (DirectoryStream<Path> parent = Files.newDirectoryStream(root)) {
            if (!(parent instanceof SecureDirectoryStream)) {
                throw new IllegalStateException("no openat on this platform: " + parent.getClass().getName());
            }
            // O_NOFOLLOW: a link swapped in since the look is refused (ELOOP), never followed.
            SecureDirectoryStream<Path> dir = ((SecureDirectoryStream<Path>) parent)
                    .newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new ContainerDirectory(path, dir));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty(); // removed or replaced since the look
        } catch (IOException e) {
            throw IoErrors.toSyscall("open", path, e);
        }
    }

    Path path() {
        return path;
    }

    /** The file's content; empty when it is not there, or is a link (which is never followed). */
    Optional<byte[]> read(String name) {
        Path file = Path.of(name);
        try (SeekableByteChannel in = dir.newByteChannel(file,
                Set.<OpenOption>of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
             InputStream stream = Channels.newInputStream(in)) {
            return Optional.of(stream.readAllBytes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (isLink(file)) {
                return Optional.empty(); // O_NOFOLLOW's ELOOP, which the JDK reports as a plain IOException
            }
            throw IoErrors.toSyscall("read", path.resolve(name), e);
        }
    }

    /**
     * runc's saveState: a temp file beside the target, fsync, rename over it, fsync the directory; a reader
     * sees the old content or the new, never part of one.
     */
    void writeAtomically(String name, byte[] content) {
        // Not Files.createTempFile: its names come from a SecureRandom, whose set-up costs each command a few
        // milliseconds. CREATE_NEW (O_EXCL) still refuses a name that is there, a link or not.
        Path tmp = Path.of("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                + ".tmp");
        SeekableByteChannel out;
        try {
            out = dir.newByteChannel(tmp, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(FileStateStore.FILE_MODE));
        } catch (IOException e) {
            throw IoErrors.toSyscall("open", path, e);
        }
        try {
            try (out) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                force(out); // the data is on disk before the name points at it
            }
            dir.move(tmp, dir, Path.of(name));
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw IoErrors.toSyscall("rename", path.resolve(name), e);
        }
        syncItself();
    }

    private boolean isLink(Path file) {
        try {
            return dir.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes().isSymbolicLink();
        } catch (IOException e) {
            return false;
        }
    }

    private static void force(SeekableByteChannel channel) throws IOException {
        if (channel instanceof FileChannel) {
            ((FileChannel) channel).force(true);
        }
    }

    /** Makes the rename itself durable; best effort, since not every file system lets a directory be fsynced. */
    private void syncItself() {
        try (SeekableByteChannel self = dir.newByteChannel(Path.of("."), Set.of(StandardOpenOption.READ))) {
            force(self);
        } catch (IOException ignored) {
            // The rename is already atomic; only its durability across a power cut is at stake.
        }
    }

    private void deleteQuietly(Path file) {
        try {
            dir.deleteFile(file);
        } catch (IOException ignored) {
            // the temp file is hidden (dot-prefixed) and never read back
        }
    }

    @Override
    public void close() {
        try {
            dir.close();
        } catch (IOException ignored) {
            // a directory fd we only read through: nothing is lost if its close reports an error
        }
    }
}
