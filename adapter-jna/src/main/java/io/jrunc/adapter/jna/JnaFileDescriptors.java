package io.jrunc.adapter.jna;

import io.jrunc.ports.FileDescriptors;
import java.util.Arrays;

/** Raw fds through JNA; every fd opened here is close-on-exec. */
final class JnaFileDescriptors implements FileDescriptors {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;

    @Override
    public int openPath(String path) {
        return JnaCheck.call("open", path, () -> JnaLibc.INSTANCE.open(path, JnaLibc.O_PATH | JnaLibc.O_CLOEXEC, 0));
    }

    @Override
    public int[] socketPair() {
        int[] fds = new int[2];
        JnaCheck.call("socketpair", "AF_UNIX", () -> JnaLibc.INSTANCE.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds));
        return fds;
    }

    @Override
    public void write(int fd, byte[] data) {
        int done = 0;
        while (done < data.length) {
            byte[] rest = done == 0 ? data : Arrays.copyOfRange(data, done, data.length);
            done += (int) JnaCheck.callLong("write", "fd " + fd, () -> JnaLibc.INSTANCE.write(fd, rest, rest.length));
        }
    }

    @Override
    public byte[] read(int fd, int max) {
        byte[] buffer = new byte[max];
        int n = (int) JnaCheck.callLong("read", "fd " + fd, () -> JnaLibc.INSTANCE.read(fd, buffer, max));
        return Arrays.copyOf(buffer, n);
    }

    @Override
    public void close(int fd) {
        JnaCheck.call("close", "fd " + fd, () -> JnaLibc.INSTANCE.close(fd));
    }

    /** close_range(2) is 436 on x86_64 and aarch64 alike (Linux 5.11+). */
    private static final long SYS_CLOSE_RANGE = 436;
    private static final long CLOSE_RANGE_CLOEXEC = 4;

    @Override
    public void closeOnExecFrom(int lowest) {
        JnaCheck.callLong("close_range", lowest + "..",
                () -> JnaLibc.INSTANCE.syscall(SYS_CLOSE_RANGE, lowest, 0xFFFFFFFFL, CLOSE_RANGE_CLOEXEC));
    }
}
