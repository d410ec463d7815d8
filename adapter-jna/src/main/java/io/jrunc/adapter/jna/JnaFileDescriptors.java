package io.jrunc.adapter.jna;

import com.sun.jna.Memory;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.ReceivedFd;
import io.jrunc.ports.model.UnixRights;
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

    @Override
    public void sendWithFd(int socket, byte[] data, int fd) {
        Memory bytes = new Memory(Math.max(1, data.length));
        bytes.write(0, data, 0, data.length);
        Memory control = new Memory(UnixRights.CONTROL_SIZE);
        control.write(0, UnixRights.control(fd), 0, UnixRights.CONTROL_SIZE);
        Memory iov = new Memory(16);
        Memory msg = message(iov, bytes, data.length, control);
        long sent = JnaCheck.callLong("sendmsg", "fd " + socket,
                () -> JnaLibc.INSTANCE.sendmsg(socket, msg, UnixRights.MSG_NOSIGNAL));
        java.lang.ref.Reference.reachabilityFence(iov);
        java.lang.ref.Reference.reachabilityFence(bytes);
        java.lang.ref.Reference.reachabilityFence(control);
        // A stream socket may take less than all; with the fd on the first byte, the rest goes by write.
        if (sent < data.length) {
            write(socket, Arrays.copyOfRange(data, (int) sent, data.length));
        }
    }

    @Override
    public ReceivedFd receiveWithFd(int socket, int max) {
        Memory bytes = new Memory(Math.max(1, max));
        Memory control = new Memory(UnixRights.CONTROL_SIZE);
        control.clear();
        Memory iov = new Memory(16);
        Memory msg = message(iov, bytes, max, control);
        long n = JnaCheck.callLong("recvmsg", "fd " + socket,
                () -> JnaLibc.INSTANCE.recvmsg(socket, msg, UnixRights.MSG_CMSG_CLOEXEC));
        java.lang.ref.Reference.reachabilityFence(iov);
        return new ReceivedFd(bytes.getByteArray(0, (int) n),
                UnixRights.fdOf(control.getByteArray(0, UnixRights.CONTROL_SIZE), msg.getLong(40)));
    }

    /**
     * struct msghdr with one iovec ({@code iov}) over {@code bytes} and {@code control}; the caller keeps all of
     * them reachable until the call returns (UnixRights gives the offsets).
     */
    private static Memory message(Memory iov, Memory bytes, long length, Memory control) {
        iov.setPointer(0, bytes);
        iov.setLong(8, length);
        Memory msg = new Memory(UnixRights.MSGHDR_SIZE);
        msg.clear();
        msg.setPointer(16, iov);
        msg.setLong(24, 1);
        msg.setPointer(32, control);
        msg.setLong(40, UnixRights.CONTROL_SIZE);
        return msg;
    }

    @Override
    public int connectUnix(String path) {
        byte[] address = UnixRights.address(path);
        int fd = JnaCheck.call("socket", "AF_UNIX",
                () -> JnaLibc.INSTANCE.socket(UnixRights.AF_UNIX, UnixRights.SOCK_STREAM_CLOEXEC, 0));
        try {
            JnaCheck.call("connect", path, () -> JnaLibc.INSTANCE.connect(fd, address, address.length));
            return fd;
        } catch (RuntimeException e) {
            JnaLibc.INSTANCE.close(fd);
            throw e;
        }
    }
}
