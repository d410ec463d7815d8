package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.ReceivedFd;
import io.jrunc.ports.model.UnixRights;
import java.lang.foreign.Arena;
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

    private static final long SYS_SOCKET = FfmLibc.sysno(41, 198);
    private static final long SYS_CONNECT = FfmLibc.sysno(42, 203);
    private static final long SYS_SENDMSG = FfmLibc.sysno(46, 211);
    private static final long SYS_RECVMSG = FfmLibc.sysno(47, 212);

    @Override
    public void sendWithFd(int socket, byte[] data, int fd) {
        FfmLibc.call("sendmsg", "fd " + socket, (arena, state) -> {
            MemorySegment bytes = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, bytes, JAVA_BYTE, 0, data.length);
            MemorySegment control = arena.allocate(UnixRights.CONTROL_SIZE, 8);
            MemorySegment.copy(UnixRights.control(fd), 0, control, JAVA_BYTE, 0, UnixRights.CONTROL_SIZE);
            MemorySegment msg = message(arena, bytes, data.length, control);
            long rc = FfmLibc.syscall(state, SYS_SENDMSG, socket, msg.address(), UnixRights.MSG_NOSIGNAL);
            // A stream socket may take less than all; with the fd on the first byte, the rest goes by write.
            if (rc >= 0 && rc < data.length) {
                FfmLibc.writeFully(socket, java.util.Arrays.copyOfRange(data, (int) rc, data.length), "fd " + socket);
            }
            return rc;
        });
    }

    @Override
    public ReceivedFd receiveWithFd(int socket, int max) {
        Object[] out = new Object[2];
        FfmLibc.call("recvmsg", "fd " + socket, (arena, state) -> {
            MemorySegment bytes = arena.allocate(Math.max(1, max));
            MemorySegment control = arena.allocate(UnixRights.CONTROL_SIZE, 8);
            MemorySegment msg = message(arena, bytes, max, control);
            long rc = FfmLibc.syscall(state, SYS_RECVMSG, socket, msg.address(), UnixRights.MSG_CMSG_CLOEXEC);
            if (rc >= 0) {
                out[0] = bytes.asSlice(0, rc).toArray(JAVA_BYTE);
                out[1] = UnixRights.fdOf(control.toArray(JAVA_BYTE), msg.get(JAVA_LONG, 40));
            }
            return rc;
        });
        return new ReceivedFd((byte[]) out[0], (Integer) out[1]);
    }

    /** struct msghdr with one iovec over {@code bytes} and {@code control} (UnixRights gives the offsets). */
    private static MemorySegment message(Arena arena, MemorySegment bytes, long length, MemorySegment control) {
        MemorySegment iov = arena.allocate(16, 8);
        iov.set(JAVA_LONG, 0, bytes.address());
        iov.set(JAVA_LONG, 8, length);
        MemorySegment msg = arena.allocate(UnixRights.MSGHDR_SIZE, 8);
        msg.set(JAVA_LONG, 16, iov.address());
        msg.set(JAVA_LONG, 24, 1);
        msg.set(JAVA_LONG, 32, control.address());
        msg.set(JAVA_LONG, 40, UnixRights.CONTROL_SIZE);
        return msg;
    }

    @Override
    public int connectUnix(String path) {
        byte[] address = UnixRights.address(path);
        int fd = (int) FfmLibc.syscall("socket", "AF_UNIX", SYS_SOCKET, UnixRights.AF_UNIX,
                UnixRights.SOCK_STREAM_CLOEXEC, 0);
        try {
            FfmLibc.call("connect", path, (arena, state) -> {
                MemorySegment addr = arena.allocate(address.length);
                MemorySegment.copy(address, 0, addr, JAVA_BYTE, 0, address.length);
                return FfmLibc.syscall(state, SYS_CONNECT, fd, addr.address(), address.length);
            });
            return fd;
        } catch (RuntimeException e) {
            FfmLibc.close(fd);
            throw e;
        }
    }

    /** close_range(2) is 436 on x86_64 and aarch64 alike (Linux 5.11+). */
    private static final long SYS_CLOSE_RANGE = 436;
    private static final long CLOSE_RANGE_CLOEXEC = 4;

    @Override
    public void closeOnExecFrom(int lowest) {
        FfmLibc.syscall("close_range", lowest + "..", SYS_CLOSE_RANGE, lowest, 0xFFFFFFFFL, CLOSE_RANGE_CLOEXEC);
    }
}
