package io.jrunc.adapter.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.ReceivedFd;
import io.jrunc.ports.model.UnixRights;
import java.lang.ref.Reference;
import java.util.Arrays;

/** Raw fds through JNA; every fd opened here is close-on-exec. */
final class JnaFileDescriptors implements FileDescriptors {
    @Override
    public int openPath(String path) {
        return JnaCheck.call("open", path, () -> JnaLibc.INSTANCE.open(path, JnaLibc.O_PATH | JnaLibc.O_CLOEXEC, 0));
    }

    @Override
    public int[] socketPair() {
        int[] fds = new int[2];
        JnaCheck.call("socketpair", "AF_UNIX", () -> JnaLibc.INSTANCE.socketpair(UnixRights.AF_UNIX,
                UnixRights.SOCK_STREAM_CLOEXEC, 0, fds));
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

    @Override
    public void sendFd(int socket, byte[] data, int fd) {
        Memory bytes = new Memory(Math.max(1, data.length));
        bytes.write(0, data, 0, data.length);
        Memory control = native_(UnixRights.control(fd));
        Memory iov = native_(UnixRights.iovec(Pointer.nativeValue(bytes), data.length));
        Memory msg = native_(UnixRights.msghdr(Pointer.nativeValue(iov), Pointer.nativeValue(control),
                UnixRights.CONTROL_SIZE));
        long sent = JnaCheck.callLong("sendmsg", "fd " + socket,
                () -> JnaLibc.INSTANCE.sendmsg(socket, msg, UnixRights.MSG_NOSIGNAL));
        // The kernel read them by address: none may be freed before the call returns.
        Reference.reachabilityFence(bytes);
        Reference.reachabilityFence(control);
        Reference.reachabilityFence(iov);
        // A stream socket may take less than all; with the fd on the first byte, the rest goes by write.
        if (sent < data.length) {
            write(socket, Arrays.copyOfRange(data, (int) sent, data.length));
        }
    }

    @Override
    public ReceivedFd receiveFd(int socket, int max) {
        Memory bytes = new Memory(Math.max(1, max));
        Memory control = new Memory(UnixRights.RECEIVE_CONTROL_SIZE);
        control.clear();
        Memory iov = native_(UnixRights.iovec(Pointer.nativeValue(bytes), max));
        Memory msg = native_(UnixRights.msghdr(Pointer.nativeValue(iov), Pointer.nativeValue(control),
                UnixRights.RECEIVE_CONTROL_SIZE));
        long n = JnaCheck.callLong("recvmsg", "fd " + socket,
                () -> JnaLibc.INSTANCE.recvmsg(socket, msg, UnixRights.MSG_CMSG_CLOEXEC));
        Reference.reachabilityFence(iov);
        int[] fds = UnixRights.fdsOf(control.getByteArray(0, UnixRights.RECEIVE_CONTROL_SIZE),
                msg.getLong(UnixRights.CONTROLLEN_OFFSET));
        for (int i = 1; i < fds.length; i++) {
            JnaLibc.INSTANCE.close(fds[i]);
        }
        return new ReceivedFd(bytes.getByteArray(0, (int) n), fds.length == 0 ? -1 : fds[0]);
    }

    /** {@code layout} copied into native memory (JNA's Memory is 8-byte aligned, as the kernel's structs are). */
    private static Memory native_(byte[] layout) {
        Memory memory = new Memory(layout.length);
        memory.write(0, layout, 0, layout.length);
        return memory;
    }
}
