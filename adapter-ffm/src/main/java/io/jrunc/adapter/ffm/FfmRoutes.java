package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.RouteMessage;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RTM_NEWROUTE over a NETLINK_ROUTE socket, in the calling thread's network namespace, waiting for the
 * kernel's acknowledgement: its error code is the route's errno (EEXIST, ENETUNREACH …).
 */
final class FfmRoutes {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int NETLINK_ROUTE = 0;
    private static final int BUFFER_SIZE = 8192;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private FfmRoutes() {
    }

    private static final class socket {
        static final FfmFunction FUNCTION = FfmFunction.of("socket", 3);
    }

    private static final class sendto {
        static final FfmFunction FUNCTION = FfmFunction.of("sendto", 6).returningLong();
    }

    private static final class recv {
        static final FfmFunction FUNCTION = FfmFunction.of("recv", 4).returningLong();
    }

    private static final class if_nametoindex {
        static final FfmFunction FUNCTION = FfmFunction.of("if_nametoindex", 1);
    }

    static void add(RouteRequest route) {
        String detail = RouteMessage.describe(route);
        int sequence = SEQUENCE.incrementAndGet();
        byte[] message = RouteMessage.newRoute(route, interfaceIndex(route.interfaceName()), sequence);
        int fd = (int) FfmLibc.call("socket", "AF_NETLINK, NETLINK_ROUTE", (arena, state) ->
                socket.FUNCTION.invoke(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
        try {
            send(fd, message, detail);
            int errno = acknowledgement(fd, detail, sequence);
            if (errno != 0) {
                throw new SyscallException(RouteMessage.SYSCALL, errno, detail);
            }
        } finally {
            FfmLibc.close(fd);
        }
    }

    /** RTM_NEWLINK: the link into the network namespace of {@code pid}, renamed {@code newName} there. */
    static void moveLink(String name, int pid, String newName) {
        String detail = io.jrunc.ports.model.LinkMessage.describe(name, pid, newName);
        int sequence = SEQUENCE.incrementAndGet();
        byte[] message = io.jrunc.ports.model.LinkMessage.moveToNamespaceOf(interfaceIndex(name), pid, newName,
                sequence);
        int fd = (int) FfmLibc.call("socket", "AF_NETLINK, NETLINK_ROUTE", (arena, state) ->
                socket.FUNCTION.invoke(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
        try {
            send(fd, message, detail);
            int errno = acknowledgement(fd, detail, sequence);
            if (errno != 0) {
                throw new SyscallException(io.jrunc.ports.model.LinkMessage.SYSCALL, errno, detail);
            }
        } finally {
            FfmLibc.close(fd);
        }
    }

    private static int interfaceIndex(String name) {
        if (name.isEmpty()) {
            return 0;
        }
        int index = (int) FfmLibc.call("if_nametoindex", name,
                (arena, state) -> if_nametoindex.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, name)));
        if (index == 0) {
            throw new SyscallException("if_nametoindex", Errno.ENODEV, name);
        }
        return index;
    }

    private static void send(int fd, byte[] message, String detail) {
        FfmLibc.call("sendto", detail, (arena, state) -> {
            MemorySegment kernel = arena.allocate(12, 4);
            kernel.set(JAVA_SHORT, 0, (short) AF_NETLINK);
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, message);
            return sendto.FUNCTION.invoke(state, fd, buffer.address(), message.length, 0, kernel.address(), 12);
        });
    }

    /** The errno of the kernel's answer to our request: 0 for the acknowledgement. */
    private static int acknowledgement(int fd, String detail, int sequence) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(BUFFER_SIZE, 4);
            long length = FfmLibc.retryingOnEintr(() -> FfmLibc.call("recv", detail,
                    (a, state) -> recv.FUNCTION.invoke(state, fd, buffer.address(), BUFFER_SIZE, 0)));
            return RouteMessage.errorOf(buffer.asSlice(0, length).toArray(JAVA_BYTE), (int) length, sequence);
        }
    }
}
