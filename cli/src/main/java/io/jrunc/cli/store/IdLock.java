package io.jrunc.cli.store;

import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on one container id, across processes and across threads.
 *
 * <p>Two layers, because the JDK's {@link FileLock} is an fcntl record lock: it is held by the whole process, a
 * second {@code lock()} on the same file from another thread of this JVM throws
 * {@code OverlappingFileLockException}, and closing <em>any</em> descriptor of the file drops it. So threads queue
 * on a per-file {@link ReentrantLock} first, and only the thread that wins opens the lock file at all.
 *
 * <p>The lock file is removed with its container, so a waiter may be blocked on a file that is unlinked while it
 * waits. The remover therefore <em>retires</em> the file before unlinking it (writes one byte: live lock files are
 * empty), and a winner checks both that its file is not retired and that the path still names the file it opened
 * (file keys, i.e. device and inode); otherwise it retries on whatever the path names now. Java has no fstat on a
 * channel, so the key of the opened file is taken by a stat of the path right around the open; the retired byte is
 * what makes the check sound even if the path changes in that window.
 *
 * <p>A lock file lives as long as its container: releasing the lock while the container's directory does not
 * exist (it was never made, a create failed, delete removed it) retires the file, so no command on an id
 * leaves a lock file behind unless a container of that id remains; and the lock area goes with its last file, so
 * the state root is empty once its last container is, as runc's. A command that meets the area gone between
 * making it and opening its lock file there makes it again.
 */
final class IdLock implements StateStore.Lock {
    private static final Map<Path, ReentrantLock> GUARDS = new ConcurrentHashMap<>();
    private static final Map<Path, IdLock> HELD = new ConcurrentHashMap<>();
    private static final byte RETIRED = 'x';

    private final Path path;
    private final Path container;
    private final ReentrantLock guard;
    private final FileChannel channel;
    private boolean open = true;

    private IdLock(Path path, Path container, ReentrantLock guard, FileChannel channel) {
        this.path = path;
        this.container = container;
        this.guard = guard;
        this.channel = channel;
    }

    /**
     * Blocks until this thread holds the lock file at {@code path}, whose directory must exist, for the container
     * whose directory is {@code container}.
     */
    static IdLock acquire(Path path, Path container) {
        ReentrantLock guard = GUARDS.computeIfAbsent(path, p -> new ReentrantLock());
        if (guard.isHeldByCurrentThread()) {
            // flock(2) on a second descriptor would block forever; say so instead of hanging.
            throw new SyscallException("flock", Errno.EDEADLK, path + " (already held by this thread)");
        }
        try {
            guard.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyscallException("flock", Errno.EINTR, path.toString());
        }
        try {
            FileChannel channel = lockFile(path);
            IdLock lock = new IdLock(path, container, guard, channel);
            HELD.put(path, lock);
            return lock;
        } catch (RuntimeException e) {
            guard.unlock();
            throw e;
        }
    }

    /** Whether this thread holds the lock file at {@code path}. */
    static boolean heldByCurrentThread(Path path) {
        IdLock lock = HELD.get(path);
        return lock != null && lock.guard.isHeldByCurrentThread();
    }

    private static FileChannel lockFile(Path path) {
        while (true) {
            Object before = keyOrNull(path);
            FileChannel channel = open(path);
            boolean keep = false;
            try {
                Object opened = keyOrNull(path);
                if (opened == null || (before != null && !before.equals(opened))) {
                    continue; // replaced while we opened it
                }
                channel.lock();
                if (channel.size() != 0) {
                    // Retired by a remover. If it is still at the path, its remover died before the unlink:
                    // we hold its lock, so no one else can be unlinking it, and we finish the job.
                    if (opened.equals(keyOrNull(path))) {
                        Files.deleteIfExists(path);
                    }
                    continue;
                }
                if (!opened.equals(keyOrNull(path))) {
                    continue; // the path names another file now
                }
                keep = true;
                return channel;
            } catch (FileLockInterruptionException e) {
                Thread.currentThread().interrupt();
                throw new SyscallException("flock", Errno.EINTR, path.toString());
            } catch (IOException e) {
                throw IoErrors.toSyscall("flock", path, e);
            } finally {
                if (!keep) {
                    closeQuietly(channel);
                }
            }
        }
    }

    private static FileChannel open(Path path) {
        while (true) {
            try {
                return FileChannel.open(path,
                        Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                                LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(FileStateStore.FILE_MODE));
            } catch (NoSuchFileException e) {
                // The lock area went with another command's last lock file meanwhile.
                FileStateStore.ensureDirectory(path.getParent());
            } catch (IOException e) {
                throw IoErrors.toSyscall("open", path, e);
            }
        }
    }

    /** The lock area once its last lock file is gone; another command may have put one there since. */
    private static void removeAreaIfEmpty(Path area) {
        try {
            Files.deleteIfExists(area);
        } catch (DirectoryNotEmptyException e) {
            // a lock of another id lives on
        } catch (IOException e) {
            // Nothing depends on it: a lock area left behind is made use of by the next command.
        }
    }

    private static Object keyOrNull(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoErrors.toSyscall("stat", path, e);
        }
    }

    /** Marks the lock file dead and unlinks it; waiters blocked on it will retry. Caller holds this lock. */
    private void retire() {
        try {
            channel.write(ByteBuffer.wrap(new byte[] {RETIRED}), 0);
            channel.force(false);
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw IoErrors.toSyscall("unlink", path, e);
        }
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        HELD.remove(path, this);
        boolean retired = false;
        try {
            if (Files.notExists(container, LinkOption.NOFOLLOW_LINKS)) {
                retire();
                retired = true;
            }
        } finally {
            closeQuietly(channel); // closing the channel releases the fcntl lock
            guard.unlock();
        }
        if (retired) {
            removeAreaIfEmpty(path.getParent());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing releases the lock whether or not close reports an error.
        }
    }
}
