package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

/**
 * Whole-file reads and writes through open/read/write, for /proc, /sys and fifos: the kernel's errno
 * (EINVAL for a bad oom_score_adj, EBUSY from a cgroup) is the message, and NIO would lose it.
 */
final class JnaFileIo {
    private static final int CHUNK = 8192;

    private JnaFileIo() {
    }

    static int open(String path, int flags, int mode) {
        return JnaCheck.call("open", path, () -> INSTANCE.open(path, flags | JnaLibc.O_CLOEXEC, mode));
    }

    /** Errors of close are ignored: the fd is gone either way on Linux, and retrying would close another's. */
    static void closeQuietly(int fd) {
        try {
            INSTANCE.close(fd);
        } catch (com.sun.jna.LastErrorException ignored) {
            // nothing to do
        }
    }

    static void write(String path, byte[] content) {
        int fd = open(path, JnaLibc.O_WRONLY, 0);
        try {
            writeAll(fd, content, path);
        } finally {
            closeQuietly(fd);
        }
    }

    /** The file's content, or empty when it (or the process it belongs to) does not exist. */
    static Optional<byte[]> readIfExists(String path) {
        int fd;
        try {
            fd = open(path, JnaLibc.O_RDONLY, 0);
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            return Optional.of(readAll(fd, path));
        } catch (SyscallException e) {
            if (e.errno() == Errno.ESRCH) { // the process ended between open and read
                return Optional.empty();
            }
            throw e;
        } finally {
            closeQuietly(fd);
        }
    }

    static void writeAll(int fd, byte[] content, String path) {
        int done = 0;
        do {
            byte[] rest = done == 0 ? content : Arrays.copyOfRange(content, done, content.length);
            done += (int) JnaCheck.callLong("write", path, () -> INSTANCE.write(fd, rest, rest.length));
        } while (done < content.length);
    }

    static byte[] readAll(int fd, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[CHUNK];
        while (true) {
            int n = (int) JnaCheck.callLong("read", path, () -> INSTANCE.read(fd, buffer, buffer.length));
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
        }
    }
}
