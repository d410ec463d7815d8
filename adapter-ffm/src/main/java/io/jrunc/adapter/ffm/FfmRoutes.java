package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SyscallException;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;

/**
 * RTM_NEWROUTE over a NETLINK_ROUTE socket, in the calling thread's network namespace, waiting for the
 * kernel's acknowledgement: its error code is the route's errno (EEXIST, ENETUNREACH …).
 */
final class FfmRoutes {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int NETLINK_ROUTE = 0;
    private static final short RTM_NEWROUTE = 24;
    private static final short NLMSG_ERROR = 2;
    private static final short NLM_F_REQUEST = 1;
    private static final short NLM_F_ACK = 4;
    private static final short NLM_F_EXCL = 0x200;
    private static final short NLM_F_CREATE = 0x400;
    private static final byte RT_TABLE_MAIN = (byte) 254;
    private static final byte RTPROT_BOOT = 3;
    private static final byte RT_SCOPE_UNIVERSE = 0;
    private static final byte RT_SCOPE_LINK = (byte) 253;
    private static final byte RTN_UNICAST = 1;
    private static final short RTA_DST = 1;
    private static final short RTA_OIF = 4;
    private static final short RTA_GATEWAY = 5;
    private static final int NLMSGHDR_SIZE = 16;
    private static final int RTMSG_SIZE = 12;
    private static final int BUFFER_SIZE = 8192;

    private FfmRoutes() {
    }

    private static final class socket {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("socket",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class sendto {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("sendto",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class recv {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("recv",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    private static final class if_nametoindex {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    static void add(RouteRequest route) {
        String detail = route.destination() + (route.gateway().isEmpty() ? "" : " via " + route.gateway())
                + (route.interfaceName().isEmpty() ? "" : " dev " + route.interfaceName());
        byte[] message = message(route, interfaceIndex(route.interfaceName()), detail);
        int fd = (int) FfmLibc.call("socket", "AF_NETLINK, NETLINK_ROUTE", (arena, state) ->
                (int) socket.HANDLE.invokeExact(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
        try {
            send(fd, message, detail);
            int error = acknowledgement(fd, detail);
            if (error != 0) {
                throw new SyscallException("RTM_NEWROUTE", -error, detail);
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
                (arena, state) -> (int) if_nametoindex.HANDLE.invokeExact(state, FfmLibc.cString(arena, name)));
        if (index == 0) {
            throw new SyscallException("if_nametoindex", Errno.ENODEV, name);
        }
        return index;
    }

    /** nlmsghdr, rtmsg, then RTA_DST / RTA_GATEWAY / RTA_OIF attributes, each 4-byte aligned. */
    static byte[] message(RouteRequest route, int interfaceIndex, String detail) {
        String[] cidr = route.destination().split("/", 2);
        byte[] destination = address(cidr[0], detail);
        int prefix = cidr.length == 2 ? Integer.parseInt(cidr[1]) : destination.length * 8;
        byte[] gateway = route.gateway().isEmpty() ? new byte[0] : address(route.gateway(), detail);
        if (gateway.length != 0 && gateway.length != destination.length) {
            throw new SyscallException("RTM_NEWROUTE", Errno.EINVAL, detail + ": mixed address families");
        }
        var body = new ByteArrayOutputStream();
        body.write(destination.length == 4 ? AF_INET : AF_INET6);
        body.write(prefix);
        body.write(0);
        body.write(0);
        body.write(RT_TABLE_MAIN);
        body.write(RTPROT_BOOT);
        body.write(gateway.length == 0 ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE);
        body.write(RTN_UNICAST);
        body.writeBytes(new byte[4]);
        if (prefix > 0) {
            attribute(body, RTA_DST, destination);
        }
        if (gateway.length != 0) {
            attribute(body, RTA_GATEWAY, gateway);
        }
        if (interfaceIndex != 0) {
            attribute(body, RTA_OIF, littleEndian(interfaceIndex));
        }
        byte[] payload = body.toByteArray();
        var message = new ByteArrayOutputStream();
        message.writeBytes(littleEndian(NLMSGHDR_SIZE + payload.length));
        message.writeBytes(littleEndianShort(RTM_NEWROUTE));
        message.writeBytes(littleEndianShort((short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)));
        message.writeBytes(littleEndian(1));
        message.writeBytes(littleEndian(0));
        message.writeBytes(payload);
        return message.toByteArray();
    }

    private static byte[] address(String literal, String detail) {
        try {
            return InetAddress.ofLiteral(literal).getAddress();
        } catch (IllegalArgumentException e) {
            throw new SyscallException("RTM_NEWROUTE", Errno.EINVAL, detail + ": not an IP address: " + literal);
        }
    }

    private static void attribute(ByteArrayOutputStream out, short type, byte[] data) {
        out.writeBytes(littleEndianShort((short) (4 + data.length)));
        out.writeBytes(littleEndianShort(type));
        out.writeBytes(data);
        out.writeBytes(new byte[(4 - data.length % 4) % 4]);
    }

    /** Netlink speaks the host's byte order; every host this adapter runs on is little-endian. */
    private static byte[] littleEndian(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }

    private static byte[] littleEndianShort(short value) {
        return new byte[] {(byte) value, (byte) (value >> 8)};
    }

    private static void send(int fd, byte[] message, String detail) {
        FfmLibc.call("sendto", detail, (arena, state) -> {
            MemorySegment kernel = arena.allocate(12, 4);
            kernel.set(JAVA_SHORT, 0, (short) AF_NETLINK);
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, message);
            return (long) sendto.HANDLE.invokeExact(state, fd, buffer, (long) message.length, 0, kernel, 12);
        });
    }

    /** The NLMSG_ERROR reply's error field: 0 for success, else a negated errno. */
    private static int acknowledgement(int fd, String detail) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(BUFFER_SIZE, 4);
            long length = FfmLibc.retryingOnEintr(() -> FfmLibc.call("recv", detail,
                    (a, state) -> (long) recv.HANDLE.invokeExact(state, fd, buffer, (long) BUFFER_SIZE, 0)));
            if (length < NLMSGHDR_SIZE + 4
                    || buffer.get(JAVA_SHORT, 4) != NLMSG_ERROR) {
                throw new SyscallException("RTM_NEWROUTE", Errno.EIO, detail + ": no acknowledgement from the kernel");
            }
            return buffer.get(JAVA_INT, NLMSGHDR_SIZE);
        }
    }
}
