package io.jrunc.cli.store;

import io.jrunc.ports.StateStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One exclusive lock per container id, across processes (a file lock, flock-like) and across threads of
 * this JVM (the JDK's file locks are per process, so threads take a plain lock first). Deleting a container
 * deletes its lock file too; whoever then wins the old, unlinked file notices and locks the new one.
 */
final class ContainerLocks {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path dir;

    ContainerLocks(Path dir) {
        this.dir = dir;
    }

    StateStore.Lock acquire(String id) {
        Path file = dir.resolve(id);
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            FileLock held = lockCurrentFile(file);
            return () -> {
                try {
                    held.channel().close();
                } catch (IOException e) {
                    // Closing releases the lock; a failed close has nothing left to release.
                } finally {
                    local.unlock();
                }
            };
        } catch (RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    /** Locks the file at the path now, retrying when it was replaced while we waited for the lock. */
    private FileLock lockCurrentFile(Path file) {
        try {
            Files.createDirectories(dir);
            while (true) {
                try {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    // Someone else's lock file: wait on it like everybody else.
                }
                Object before = key(file);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                FileLock lock = channel.lock();
                if (before != null && Objects.equals(before, key(file))) {
                    return lock;
                }
                channel.close();
            }
        } catch (IOException e) {
            throw StoreErrors.of("flock", file, e);
        }
    }

    private static Object key(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Called under the lock when the container goes: nothing of it may stay behind. */
    void forget(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id));
        } catch (IOException e) {
            throw StoreErrors.of("unlink", dir.resolve(id), e);
        }
    }
}
