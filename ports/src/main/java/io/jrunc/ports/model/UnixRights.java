package io.jrunc.ports.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The bytes around an fd that crosses a unix socket (SCM_RIGHTS) and of a unix socket's address, as LP64 Linux
 * lays them out; both native backends place them in a msghdr of their own. The layout is the kernel's, the same
 * on x86-64 and AArch64.
 */
public final class UnixRights {
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM_CLOEXEC = 1 | 02000000;
    /** recvmsg(2): the received fd is close-on-exec in this process from the start. */
    public static final int MSG_CMSG_CLOEXEC = 0x40000000;
    /** sendmsg(2): a peer gone is EPIPE, not SIGPIPE. */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** sizeof(struct msghdr); msg_iov at 16, msg_iovlen at 24, msg_control at 32, msg_controllen at 40. */
    public static final int MSGHDR_SIZE = 56;
    /** CMSG_SPACE(sizeof(int)): a cmsghdr (len u64, level, type) and one fd, padded to 8. */
    public static final int CONTROL_SIZE = 24;
    private static final int CMSG_LEN_ONE_FD = 20;
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

    /** The fd {@code control}'s first {@code length} bytes carry, or -1 when they carry none. */
    public static int fdOf(byte[] control, long length) {
        if (length < CMSG_LEN_ONE_FD) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(control).order(ByteOrder.nativeOrder());
        if (b.getLong(0) < CMSG_LEN_ONE_FD || b.getInt(8) != SOL_SOCKET || b.getInt(12) != SCM_RIGHTS) {
            return -1;
        }
        return b.getInt(16);
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
