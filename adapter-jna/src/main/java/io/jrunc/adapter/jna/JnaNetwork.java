package io.jrunc.adapter.jna;

import io.jrunc.ports.Network;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.RouteMessage;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SyscallException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

/**
 * Links through the old ioctl interface of an AF_INET socket, routes through rtnetlink; both in the calling
 * thread's network namespace.
 */
final class JnaNetwork implements Network {
    private static final int AF_INET = 2;
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int NETLINK_ROUTE = 0;
    private static final int ANSWER_SIZE = 8192;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final short IFF_UP = 1;
    /** struct ifreq: char ifr_name[IFNAMSIZ = 16], then a union whose ifr_flags is a short; 40 bytes in all. */
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;
    private static final int FLAGS_OFFSET = 16;

    @Override
    public void linkUp(String name) {
        byte[] ifreq = ifreq(name);
        int fd = JnaCheck.call("socket", "AF_INET", () -> INSTANCE.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        try {
            JnaCheck.call("ioctl", "SIOCGIFFLAGS " + name, () -> INSTANCE.ioctl(fd, SIOCGIFFLAGS, ifreq));
            ByteBuffer flags = ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder());
            flags.putShort(FLAGS_OFFSET, (short) (flags.getShort(FLAGS_OFFSET) | IFF_UP));
            JnaCheck.call("ioctl", "SIOCSIFFLAGS " + name, () -> INSTANCE.ioctl(fd, SIOCSIFFLAGS, ifreq));
        } finally {
            JnaFileIo.closeQuietly(fd);
        }
    }

    /** The flags of a link, for tests and checks. */
    static short flags(String name) {
        byte[] ifreq = ifreq(name);
        int fd = JnaCheck.call("socket", "AF_INET", () -> INSTANCE.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        try {
            JnaCheck.call("ioctl", "SIOCGIFFLAGS " + name, () -> INSTANCE.ioctl(fd, SIOCGIFFLAGS, ifreq));
            return ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).getShort(FLAGS_OFFSET);
        } finally {
            JnaFileIo.closeQuietly(fd);
        }
    }

    private static byte[] ifreq(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= IFNAMSIZ) {
            // the kernel would cut the name short and act on another link, or none
            throw new SyscallException("ioctl", Errno.EINVAL, "link name longer than 15 bytes: " + name);
        }
        byte[] ifreq = new byte[IFREQ_SIZE];
        System.arraycopy(bytes, 0, ifreq, 0, bytes.length);
        return ifreq;
    }

    /** One RTM_NEWLINK request over rtnetlink: the link into the network namespace of {@code pid}, renamed. */
    @Override
    public void moveLink(String name, int pid, String newName) {
        String what = io.jrunc.ports.model.LinkMessage.describe(name, pid, newName);
        int index = JnaCheck.call("if_nametoindex", name, () -> INSTANCE.if_nametoindex(name));
        int sequence = SEQUENCE.incrementAndGet();
        byte[] request = io.jrunc.ports.model.LinkMessage.moveToNamespaceOf(index, pid, newName, sequence);
        int fd = JnaCheck.call("socket", "AF_NETLINK", () -> INSTANCE.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
        try {
            JnaCheck.callLong("sendto", "RTM_NEWLINK " + what, () -> INSTANCE.send(fd, request, request.length, 0));
            byte[] answer = new byte[ANSWER_SIZE];
            int length = (int) JnaCheck.callLong("recvfrom", "RTM_NEWLINK " + what,
                    () -> INSTANCE.recv(fd, answer, answer.length, 0));
            int errno = RouteMessage.errorOf(answer, length, sequence);
            if (errno != 0) {
                throw new SyscallException(io.jrunc.ports.model.LinkMessage.SYSCALL, errno, what);
            }
        } finally {
            JnaFileIo.closeQuietly(fd);
        }
    }

    /** One RTM_NEWROUTE request over rtnetlink, and the kernel's acknowledgement or error for it. */
    @Override
    public void addRoute(RouteRequest route) {
        String what = RouteMessage.describe(route);
        int index = route.interfaceName().isEmpty() ? 0
                : JnaCheck.call("if_nametoindex", route.interfaceName(), () -> INSTANCE.if_nametoindex(route.interfaceName()));
        int sequence = SEQUENCE.incrementAndGet();
        byte[] request = RouteMessage.newRoute(route, index, sequence);
        int fd = JnaCheck.call("socket", "AF_NETLINK", () -> INSTANCE.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
        try {
            JnaCheck.callLong("sendto", "RTM_NEWROUTE " + what, () -> INSTANCE.send(fd, request, request.length, 0));
            byte[] answer = new byte[ANSWER_SIZE];
            int length = (int) JnaCheck.callLong("recvfrom", "RTM_NEWROUTE " + what,
                    () -> INSTANCE.recv(fd, answer, answer.length, 0));
            int errno = RouteMessage.errorOf(answer, length, sequence);
            if (errno != 0) {
                throw new SyscallException(RouteMessage.SYSCALL, errno, what);
            }
        } finally {
            JnaFileIo.closeQuietly(fd);
        }
    }
}
