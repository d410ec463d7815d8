package io.jrunc.ports.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The unix-socket ABI both native backends speak, as LP64 Linux lays it out (the same on x86-64 and AArch64): the
 * socket's flags, struct sockaddr_un, struct iovec and msghdr, and the control message around an fd that crosses a
 * socket (SCM_RIGHTS). The backends only copy these bytes into native memory and make the system calls.
 */
public final class UnixRights {
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM_CLOEXEC = 1 | 02000000;
    /** recvmsg(2): the received fd is close-on-exec in this process from the start. */
    public static final int MSG_CMSG_CLOEXEC = 0x40000000;
    /** sendmsg(2): a peer gone is EPIPE, not SIGPIPE. */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** sizeof(struct iovec): iov_base, iov_len. */
    public static final int IOVEC_SIZE = 16;
    /** sizeof(struct msghdr); msg_iov at 16, msg_iovlen at 24, msg_control at 32, msg_controllen at 40. */
    public static final int MSGHDR_SIZE = 56;
    /** Where recvmsg(2) leaves how much of the control buffer it filled. */
    public static final int CONTROLLEN_OFFSET = 40;
    /** CMSG_SPACE(sizeof(int)): a cmsghdr (len u64, level, type) and one fd, padded to 8; what a send attaches. */
    public static final int CONTROL_SIZE = 24;
    /**
     * A receive's control buffer: room for a dozen fds, so that a peer that sends more than the one asked for has
     * each of them installed, and closed by the backend, rather than left open where nobody knows its number.
     */
    public static final int RECEIVE_CONTROL_SIZE = 64;
    private static final int CMSGHDR_SIZE = 16;
    private static final int CMSG_LEN_ONE_FD = CMSGHDR_SIZE + 4;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    /** sizeof(sun_path). */
    private static final int SUN_PATH = 108;

    private UnixRights() {
    }

    /** The control message that carries {@code fd}. */
    public static byte[] control(int fd) {
        ByteBuffer b = ByteBuffer.allocate(CONTROL_SIZE).order(ByteOrder.nativeOrder());
        b.putLong(CMSG_LEN_ONE_FD).putInt(SOL_SOCKET).putInt(SCM_RIGHTS).putInt(fd);
        return b.array();
    }

    /**
     * Every fd the first {@code length} bytes of a received control buffer carry, in order (CMSG_FIRSTHDR,
     * CMSG_NXTHDR): a receiver keeps the one it asked for and must close the others.
     */
    public static int[] fdsOf(byte[] control, long length) {
        ByteBuffer b = ByteBuffer.wrap(control).order(ByteOrder.nativeOrder());
        long end = Math.min(length, control.length);
        java.util.List<Integer> fds = new java.util.ArrayList<>();
        for (long at = 0; at + CMSGHDR_SIZE <= end; ) {
            long cmsgLength = b.getLong((int) at);
            if (cmsgLength < CMSGHDR_SIZE || at + cmsgLength > end) {
                break;
            }
            if (b.getInt((int) at + 8) == SOL_SOCKET && b.getInt((int) at + 12) == SCM_RIGHTS) {
                for (long f = at + CMSGHDR_SIZE; f + 4 <= at + cmsgLength; f += 4) {
                    fds.add(b.getInt((int) f));
                }
            }
            at += (cmsgLength + 7) & ~7L;
        }
        return fds.stream().mapToInt(Integer::intValue).toArray();
    }

    /** struct iovec over {@code length} bytes at {@code base}. */
    public static byte[] iovec(long base, long length) {
        return ByteBuffer.allocate(IOVEC_SIZE).order(ByteOrder.nativeOrder()).putLong(base).putLong(length).array();
    }

    /** struct msghdr with no name, one iovec at {@code iov}, and {@code controlLength} bytes of control at {@code control}. */
    public static byte[] msghdr(long iov, long control, long controlLength) {
        ByteBuffer b = ByteBuffer.allocate(MSGHDR_SIZE).order(ByteOrder.nativeOrder());
        b.putLong(16, iov).putLong(24, 1).putLong(32, control).putLong(CONTROLLEN_OFFSET, controlLength);
        return b.array();
    }

    /**
     * struct sockaddr_un for {@code path}, as long as connect(2) is to read of it; "@name" is the abstract name
     * "name" (a NUL first, nothing after the name), as Go's net package reads a leading "@".
     */
    public static byte[] address(String path) {
        boolean abstractName = path.startsWith("@");
        byte[] name = (abstractName ? path.substring(1) : path).getBytes(StandardCharsets.UTF_8);
        int used = abstractName ? 1 + name.length : name.length + 1;
        if (name.length == 0 || used > SUN_PATH) {
            throw new SyscallException("connect", Errno.EINVAL, path + ": not a unix socket path of at most "
                    + (SUN_PATH - 1) + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(2 + used).order(ByteOrder.nativeOrder());
        b.putShort((short) AF_UNIX);
        if (abstractName) {
            b.put((byte) 0);
        }
        b.put(name);
        return b.array(); // a path's NUL is the array's last, zero byte
    }
}
