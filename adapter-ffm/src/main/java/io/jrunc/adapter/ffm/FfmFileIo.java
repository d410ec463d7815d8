package io.jrunc.adapter.ffm;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whole-file reads and writes through open(2)/read(2)/write(2): /proc and cgroup files report their
 * errors (EINVAL for a bad value, EBUSY …) in write's errno, which java.io would hide behind an IOException.
 */
final class FfmFileIo {
    private FfmFileIo() {
    }

    static void write(String path, String value) {
        write(path, value.getBytes(StandardCharsets.UTF_8), FfmLibc.O_WRONLY);
    }

    static void write(String path, byte[] content, int flags) {
        int fd = FfmLibc.retryingOnEintr(() -> FfmLibc.open(path, flags | FfmLibc.O_CLOEXEC, 0));
        try {
            FfmLibc.writeFully(fd, content, path);
        } finally {
            FfmLibc.close(fd);
        }
    }

    static byte[] read(String path) {
        int fd = FfmLibc.retryingOnEintr(() -> FfmLibc.open(path, FfmLibc.O_RDONLY | FfmLibc.O_CLOEXEC, 0));
        try {
            return FfmLibc.readToEnd(fd, path);
        } finally {
            FfmLibc.close(fd);
        }
    }

    /**
     * The file's text, or empty when it does not exist. Read through java.nio first: /proc and cgroup files
     * are read by every command, and state or list would otherwise link native calls for nothing else (the
     * FFM API generates code for each call shape at every start). Any other failure is read again through
     * the native calls, for its errno (ESRCH from a process that went away, EACCES …).
     */
    static Optional<String> readIfExists(String path) {
        try {
            return Optional.of(new String(Files.readAllBytes(Path.of(path)), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // below
        }
        try {
            return Optional.of(new String(read(path), StandardCharsets.UTF_8));
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
