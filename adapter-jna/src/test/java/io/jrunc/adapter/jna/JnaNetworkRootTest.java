package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JnaNetworkRootTest extends JnaRootTest {
    private final JnaNetwork network = new JnaNetwork();

    @Test
    void linkUpRaisesLoopbackOfANewNetworkNamespace() {
        String flags = onOwnNetworkNamespace(() -> {
            int before = JnaNetwork.flags("lo") & 1;
            network.linkUp("lo");
            return before + " " + (JnaNetwork.flags("lo") & 1);
        });

        assertEquals("0 1", flags);
    }

    @Test
    void linkUpOfAMissingLinkIsEnodev() {
        SyscallException e = onOwnNetworkNamespace(() -> assertThrows(SyscallException.class, () -> network.linkUp("jrunc0")));

        assertEquals(Errno.ENODEV, e.errno());
    }

    @Test
    void addRouteAddsLinkAndGatewayRoutesAndRefusesDuplicates() {
        String outcome = onOwnNetworkNamespace(() -> {
            network.linkUp("lo");
            network.addRoute(new RouteRequest("10.20.0.0/16", "", "lo"));
            network.addRoute(new RouteRequest("0.0.0.0/0", "10.20.0.1", "lo"));
            SyscallException duplicate = assertThrows(SyscallException.class,
                    () -> network.addRoute(new RouteRequest("10.20.0.0/16", "", "lo")));
            return duplicate.errno() + "\n" + new String(JnaFileIo.readIfExists("/proc/thread-self/net/route").orElseThrow());
        });

        assertTrue(outcome.startsWith("EEXIST\n"), outcome);
        assertTrue(outcome.matches("(?s).*\nlo\\s+0000140A\\s+00000000\\s.*"), outcome);
        assertTrue(outcome.matches("(?s).*\nlo\\s+00000000\\s+0100140A\\s.*"), outcome);
    }

    @Test
    void addRouteOverAMissingLinkIsEnodevAndBadAddressesEinval() {
        SyscallException missing = onOwnNetworkNamespace(() -> assertThrows(SyscallException.class,
                () -> network.addRoute(new RouteRequest("10.0.0.0/8", "", "jrunc0"))));
        SyscallException hostname = assertThrows(SyscallException.class,
                () -> network.addRoute(new RouteRequest("example.com/8", "", "")));

        assertEquals(Errno.ENODEV, missing.errno());
        assertEquals(Errno.EINVAL, hostname.errno());
    }

    static <T> T onOwnNetworkNamespace(java.util.function.Supplier<T> work) {
        return JnaFreshThread.call("test-net", () -> {
            new JnaNamespaces().unshare(Set.of(Namespace.NET));
            return work.get();
        });
    }
}
