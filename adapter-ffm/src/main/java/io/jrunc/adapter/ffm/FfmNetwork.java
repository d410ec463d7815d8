package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jrunc.ports.Network;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** Links of the calling thread's network namespace, through ioctl on a datagram socket. */
final class FfmNetwork implements Network {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final short IFF_UP = 1;
    /** struct ifreq: char ifr_name[IFNAMSIZ = 16], then a union (short ifr_flags) padded to 40 bytes. */
    private static final int IFNAMSIZ = 16;
    private static final long IFREQ_SIZE = 40;

    private static final class socket {
        static final FfmFunction FUNCTION = FfmFunction.of("socket", 3);
    }

    /** Through syscall(2): ioctl's own prototype would be a call shape of its own (FfmFunction). */
    private static final long SYS_IOCTL = FfmLibc.sysno(16, 29);

    @Override
    public void linkUp(String name) {
        setFlags(name, (short) (flags(name) | IFF_UP));
    }

    short flags(String name) {
        return (short) withIfreq(name, SIOCGIFFLAGS, "SIOCGIFFLAGS", ifreq -> { });
    }

    private void setFlags(String name, short flags) {
        withIfreq(name, SIOCSIFFLAGS, "SIOCSIFFLAGS", ifreq -> ifreq.set(JAVA_SHORT, IFNAMSIZ, flags));
    }

    /** One ioctl on a fresh AF_INET socket; returns ifr_flags as the kernel left them. */
    private static int withIfreq(String name, long request, String requestName,
                                 java.util.function.Consumer<MemorySegment> fill) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= IFNAMSIZ) {
            throw new SyscallException("ioctl " + requestName, Errno.EINVAL, name);
        }
        int fd = (int) FfmLibc.call("socket", "AF_INET, SOCK_DGRAM",
                (arena, state) -> socket.FUNCTION.invoke(state, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifreq = arena.allocate(IFREQ_SIZE, 8);
            MemorySegment.copy(bytes, 0, ifreq, JAVA_BYTE, 0, bytes.length);
            fill.accept(ifreq);
            FfmLibc.call("ioctl " + requestName, name,
                    (a, state) -> FfmLibc.syscall(state, SYS_IOCTL, fd, request, ifreq.address()));
            return ifreq.get(JAVA_SHORT, IFNAMSIZ) & 0xffff;
        } finally {
            FfmLibc.close(fd);
        }
    }

    @Override
    public void addRoute(RouteRequest route) {
        FfmRoutes.add(route);
    }

    @Override
    public void moveLink(String name, int pid, String newName) {
        FfmRoutes.moveLink(name, pid, newName);
    }
}
