package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.jrunc.ports.FileDescriptors;
import java.lang.foreign.MemorySegment;

/** Raw fds through FFM; every fd opened here is close-on-exec. */
final class FfmFileDescriptors implements FileDescriptors {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;

    /** Through syscall(2): socketpair's own prototype would be a call shape of its own (FfmFunction). */
    private static final long SYS_SOCKETPAIR = FfmLibc.sysno(53, 199);

    @Override
    public int openPath(String path) {
        return FfmLibc.open(path, FfmLibc.O_PATH | FfmLibc.O_CLOEXEC, 0);
    }

    @Override
    public int[] socketPair() {
        int[] fds = new int[2];
        FfmLibc.call("socketpair", "AF_UNIX", (arena, state) -> {
            MemorySegment pair = arena.allocate(JAVA_INT, 2);
            long rc = FfmLibc.syscall(state, SYS_SOCKETPAIR, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair.address());
            fds[0] = pair.getAtIndex(JAVA_INT, 0);
            fds[1] = pair.getAtIndex(JAVA_INT, 1);
            return rc;
        });
        return fds;
    }

    @Override
    public void write(int fd, byte[] data) {
        FfmLibc.writeFully(fd, data, "fd " + fd);
    }

    @Override
    public byte[] read(int fd, int max) {
        return FfmLibc.readOnce(fd, max, "fd " + fd);
    }

    @Override
    public void close(int fd) {
        FfmLibc.close(fd);
    }

    /** close_range(2) is 436 on x86_64 and aarch64 alike (Linux 5.11+). */
    private static final long SYS_CLOSE_RANGE = 436;
    private static final long CLOSE_RANGE_CLOEXEC = 4;

    @Override
    public void closeOnExecFrom(int lowest) {
        FfmLibc.syscall("close_range", lowest + "..", SYS_CLOSE_RANGE, lowest, 0xFFFFFFFFL, CLOSE_RANGE_CLOEXEC);
    }
}
