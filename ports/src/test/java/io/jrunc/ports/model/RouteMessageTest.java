package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RouteMessageTest {
    @Test
    void anRtmNewrouteWithDestinationGatewayAndInterface() {
        byte[] message = RouteMessage.newRoute(new RouteRequest("10.99.0.0/16", "10.99.0.1", "lo"), 1, 7);

        assertEquals(16 + 12 + 8 + 8 + 8, message.length);
        ByteBuffer header = ByteBuffer.wrap(message).order(ByteOrder.nativeOrder());
        assertEquals(message.length, header.getInt(0));
        assertEquals(24, header.getShort(4), "RTM_NEWROUTE");
        assertEquals(0x1 | 0x4 | 0x200 | 0x400, header.getShort(6), "REQUEST|ACK|EXCL|CREATE");
        assertEquals(7, header.getInt(8), "sequence");
        assertEquals(2, message[16], "AF_INET");
        assertEquals(16, message[17], "prefix length");
        assertEquals((byte) 254, message[20], "RT_TABLE_MAIN");
        assertEquals(0, message[22], "RT_SCOPE_UNIVERSE with a gateway");
        assertArrayEquals(new byte[] {8, 0, 1, 0, 10, 99, 0, 0}, Arrays.copyOfRange(message, 28, 36));
        assertArrayEquals(new byte[] {8, 0, 5, 0, 10, 99, 0, 1}, Arrays.copyOfRange(message, 36, 44));
        assertArrayEquals(new byte[] {8, 0, 4, 0, 1, 0, 0, 0}, Arrays.copyOfRange(message, 44, 52));
    }

    @Test
    void aDefaultRouteWithoutGatewayIsOnTheLinkAndHasNoDestination() {
        byte[] message = RouteMessage.newRoute(new RouteRequest("0.0.0.0/0", "", ""), 0, 1);

        assertEquals(16 + 12, message.length);
        assertEquals(0, message[17], "prefix length");
        assertEquals((byte) 253, message[22], "RT_SCOPE_LINK");
    }

    @Test
    void anIpv6Route() {
        byte[] message = RouteMessage.newRoute(new RouteRequest("fd00::/8", "fd00::1", ""), 0, 1);

        assertEquals(10, message[16], "AF_INET6");
        assertEquals(16 + 12 + 20 + 20, message.length);
    }

    @Test
    void badAddressesAndPrefixesAreEinvalNamingTheRoute() {
        var notAnAddress = assertThrows(SyscallException.class,
                () -> RouteMessage.newRoute(new RouteRequest("example.com/8", "", ""), 0, 1));
        var badPrefix = assertThrows(SyscallException.class,
                () -> RouteMessage.newRoute(new RouteRequest("10.0.0.0/33", "", "eth0"), 0, 1));
        var mixed = assertThrows(SyscallException.class,
                () -> RouteMessage.newRoute(new RouteRequest("10.0.0.0/8", "fd00::1", ""), 0, 1));

        assertEquals("RTM_NEWROUTE example.com/8: not an IP address: example.com: invalid argument", notAnAddress.getMessage());
        assertEquals("RTM_NEWROUTE 10.0.0.0/33 dev eth0: bad prefix length 33: invalid argument", badPrefix.getMessage());
        assertEquals(Errno.EINVAL, mixed.errno());
    }

    @Test
    void theAnswerToOurSequenceGivesTheErrno() {
        byte[] answer = new byte[64];
        ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.nativeOrder());
        b.putInt(0, 20).putShort(4, (short) 3).putInt(8, 4); // NLMSG_DONE of another request
        b.putInt(20, 36).putShort(24, (short) 2).putInt(28, 5).putInt(36, -Errno.EEXIST.code());

        assertEquals(Errno.EEXIST.code(), RouteMessage.errorOf(answer, 56, 5));
        assertEquals(Errno.EIO.code(), RouteMessage.errorOf(answer, 56, 6), "no answer to sequence 6");
        b.putInt(36, 0);
        assertEquals(0, RouteMessage.errorOf(answer, 56, 5));
    }
}
