package io.jrunc.ports.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An RTM_NEWROUTE request of rtnetlink(7) — nlmsghdr, rtmsg, then the RTA_DST / RTA_GATEWAY / RTA_OIF
 * attributes, each 4-byte aligned — and the reading of the kernel's NLMSG_ERROR answer. Both native
 * backends send it over a NETLINK_ROUTE socket; only the socket calls are theirs.
 */
public final class RouteMessage {
    /** The syscall name the route errors carry, whichever backend (or the fake) reports them. */
    public static final String SYSCALL = "RTM_NEWROUTE";
    private static final short RTM_NEWROUTE = 24;
    private static final short NLMSG_ERROR = 2;
    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_ACK = 0x4;
    private static final short NLM_F_EXCL = 0x200;
    private static final short NLM_F_CREATE = 0x400;
    private static final int NLMSGHDR_SIZE = 16;
    private static final byte RT_TABLE_MAIN = (byte) 254;
    private static final byte RTPROT_BOOT = 3;
    private static final byte RT_SCOPE_UNIVERSE = 0;
    private static final byte RT_SCOPE_LINK = (byte) 253;
    private static final byte RTN_UNICAST = 1;
    private static final short RTA_DST = 1;
    private static final short RTA_OIF = 4;
    private static final short RTA_GATEWAY = 5;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int MAX_SIZE = 128;

    private RouteMessage() {
    }

    /**
     * The request for {@code route}; {@code interfaceIndex} 0 names no interface. EINVAL when an address
     * or the prefix length is not valid, or the gateway's family is not the destination's.
     */
    public static byte[] newRoute(RouteRequest route, int interfaceIndex, int sequence) {
        String[] cidr = route.destination().split("/", 2);
        byte[] destination = address(cidr[0], route);
        int prefix = cidr.length == 2 ? prefix(cidr[1], destination.length * 8, route) : destination.length * 8;
        byte[] gateway = route.gateway().isEmpty() ? null : address(route.gateway(), route);
        if (gateway != null && gateway.length != destination.length) {
            throw invalid(route, "gateway and destination are of different families");
        }
        ByteBuffer message = ByteBuffer.allocate(MAX_SIZE).order(ByteOrder.nativeOrder());
        message.position(NLMSGHDR_SIZE);
        message.put((byte) (destination.length == 4 ? AF_INET : AF_INET6)).put((byte) prefix).put((byte) 0).put((byte) 0);
        // without a gateway the destination is on the link itself, as `ip route add … dev` makes it
        message.put(RT_TABLE_MAIN).put(RTPROT_BOOT).put(gateway == null ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE)
                .put(RTN_UNICAST);
        message.putInt(0);
        if (prefix > 0) {
            attribute(message, RTA_DST, destination);
        }
        if (gateway != null) {
            attribute(message, RTA_GATEWAY, gateway);
        }
        if (interfaceIndex > 0) {
            attribute(message, RTA_OIF, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(interfaceIndex).array());
        }
        int length = message.position();
        message.putInt(0, length).putShort(4, RTM_NEWROUTE)
                .putShort(6, (short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE))
                .putInt(8, sequence).putInt(12, 0);
        byte[] bytes = new byte[length];
        message.get(0, bytes);
        return bytes;
    }

    /**
     * The errno of the kernel's NLMSG_ERROR answer to {@code sequence} in the first {@code length} bytes:
     * 0 is the acknowledgement; EIO when no answer to it is there.
     */
    public static int errorOf(byte[] answer, int length, int sequence) {
        ByteBuffer buffer = ByteBuffer.wrap(answer, 0, length).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + NLMSGHDR_SIZE + 4 <= length) {
            int messageLength = buffer.getInt(at);
            if (buffer.getShort(at + 4) == NLMSG_ERROR && buffer.getInt(at + 8) == sequence) {
                return -buffer.getInt(at + NLMSGHDR_SIZE);
            }
            if (messageLength < NLMSGHDR_SIZE) {
                break;
            }
            at += (messageLength + 3) & ~3;
        }
        return Errno.EIO.code();
    }

    /** As `ip route` would print it: {@code 10.0.0.0/8 via 10.0.0.1 dev eth0}. */
    public static String describe(RouteRequest route) {
        return route.destination() + (route.gateway().isEmpty() ? "" : " via " + route.gateway())
                + (route.interfaceName().isEmpty() ? "" : " dev " + route.interfaceName());
    }

    private static void attribute(ByteBuffer message, short type, byte[] data) {
        message.putShort((short) (4 + data.length)).putShort(type).put(data);
        message.position((message.position() + 3) & ~3);
    }

    /** Only literals: a route names addresses, and a host name here would mean a DNS lookup. */
    private static byte[] address(String text, RouteRequest route) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw invalid(route, "not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw invalid(route, "not an IP address: " + text);
        }
    }

    private static int prefix(String text, int bits, RouteRequest route) {
        try {
            int prefix = Integer.parseInt(text);
            if (prefix >= 0 && prefix <= bits) {
                return prefix;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(route, "bad prefix length " + text);
    }

    private static SyscallException invalid(RouteRequest route, String why) {
        return new SyscallException(SYSCALL, Errno.EINVAL, describe(route) + ": " + why);
    }
}
