package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.ReceivedFd;
import io.jrunc.ports.model.UnixRights;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** Raw fds through FFM; every fd opened here is close-on-exec. */
final class FfmFileDescriptors implements FileDescriptors {
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
            long rc = FfmLibc.syscall(state, SYS_SOCKETPAIR, UnixRights.AF_UNIX,
                    UnixRights.SOCK_STREAM_CLOEXEC, 0, pair.address());
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

    private static final long SYS_SOCKET = FfmLibc.sysno(41, 198);
    private static final long SYS_CONNECT = FfmLibc.sysno(42, 203);
    private static final long SYS_SENDMSG = FfmLibc.sysno(46, 211);
    private static final long SYS_RECVMSG = FfmLibc.sysno(47, 212);

    @Override
    public int connectUnix(String path) {
        byte[] address = UnixRights.address(path);
        int fd = (int) FfmLibc.syscall("socket", "AF_UNIX", SYS_SOCKET, UnixRights.AF_UNIX,
                UnixRights.SOCK_STREAM_CLOEXEC, 0);
        try {
            FfmLibc.call("connect", path, (arena, state) -> {
                MemorySegment addr = arena.allocateFrom(JAVA_BYTE, address);
                return FfmLibc.syscall(state, SYS_CONNECT, fd, addr.address(), address.length);
            });
            return fd;
        } catch (RuntimeException e) {
            FfmLibc.close(fd);
            throw e;
        }
    }

    @Override
    public void sendFd(int socket, byte[] data, int fd) {
        long sent = FfmLibc.retryingOnEintr(() -> FfmLibc.call("sendmsg", "fd " + socket, (arena, state) -> {
            MemorySegment bytes = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, bytes, JAVA_BYTE, 0, data.length);
            MemorySegment control = aligned(arena, UnixRights.control(fd));
            MemorySegment msg = message(arena, bytes, data.length, control, UnixRights.CONTROL_SIZE);
            return FfmLibc.syscall(state, SYS_SENDMSG, socket, msg.address(), UnixRights.MSG_NOSIGNAL);
        }));
        // A stream socket may take less than all; with the fd on the first byte, the rest goes by write.
        if (sent < data.length) {
            FfmLibc.writeFully(socket, Arrays.copyOfRange(data, (int) sent, data.length), "fd " + socket);
        }
    }

    @Override
    public ReceivedFd receiveFd(int socket, int max) {
        byte[][] bytesRead = new byte[1][];
        int[][] fdsRead = new int[1][];
        FfmLibc.retryingOnEintr(() -> FfmLibc.call("recvmsg", "fd " + socket, (arena, state) -> {
            MemorySegment bytes = arena.allocate(Math.max(1, max));
            MemorySegment control = arena.allocate(UnixRights.RECEIVE_CONTROL_SIZE, 8);
            MemorySegment msg = message(arena, bytes, max, control, UnixRights.RECEIVE_CONTROL_SIZE);
            long rc = FfmLibc.syscall(state, SYS_RECVMSG, socket, msg.address(), UnixRights.MSG_CMSG_CLOEXEC);
            if (rc >= 0) {
                bytesRead[0] = bytes.asSlice(0, rc).toArray(JAVA_BYTE);
                fdsRead[0] = UnixRights.fdsOf(control.toArray(JAVA_BYTE),
                        msg.get(JAVA_LONG, UnixRights.CONTROLLEN_OFFSET));
            }
            return rc;
        }));
        int[] fds = fdsRead[0];
        for (int i = 1; i < fds.length; i++) {
            FfmLibc.close(fds[i]);
        }
        return new ReceivedFd(bytesRead[0], fds.length == 0 ? -1 : fds[0]);
    }

    /** struct msghdr with one iovec over {@code bytes} and {@code control} (UnixRights lays them out). */
    private static MemorySegment message(Arena arena, MemorySegment bytes, long length, MemorySegment control,
                                         long controlLength) {
        MemorySegment iov = aligned(arena, UnixRights.iovec(bytes.address(), length));
        return aligned(arena, UnixRights.msghdr(iov.address(), control.address(), controlLength));
    }

    /** {@code layout} in native memory on an 8-byte boundary, as the kernel's structs of longs are. */
    private static MemorySegment aligned(Arena arena, byte[] layout) {
        MemorySegment segment = arena.allocate(layout.length, 8);
        MemorySegment.copy(layout, 0, segment, JAVA_BYTE, 0, layout.length);
        return segment;
    }

    /** close_range(2) is 436 on x86_64 and aarch64 alike (Linux 5.11+). */
    private static final long SYS_CLOSE_RANGE = 436;
    private static final long CLOSE_RANGE_CLOEXEC = 4;

    @Override
    public void closeOnExecFrom(int lowest) {
        FfmLibc.syscall("close_range", lowest + "..", SYS_CLOSE_RANGE, lowest, 0xFFFFFFFFL, CLOSE_RANGE_CLOEXEC);
    }
}
