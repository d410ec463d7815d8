package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SyscallException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Links and routes of a network namespace that a dedicated thread unshares; the host's stay as they are. */
@Tag("root")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FfmNetworkRootTest {
    private final FfmNetwork network = new FfmNetwork();

    private static <T> T inOwnNetworkNamespace(Supplier<T> work) {
        return FfmDedicatedThread.call("net-test", () -> {
            new FfmNamespaces().unshare(Set.of(Namespace.NET));
            return work.get();
        });
    }

    /** Destination, gateway and interface of each route, in /proc/net/route's hex (little-endian) form. */
    private static List<String> routes() {
        return FfmTestShell.read(Path.of("/proc/thread-self/net/route")).lines().skip(1)
                .map(l -> l.split("\\s+")).map(f -> f[1] + " " + f[2] + " " + f[0]).toList();
    }

    @Test
    void linkUp_bringsUpTheLoopbackOfANewNamespace() {
        List<Integer> flags = inOwnNetworkNamespace(() -> {
            int before = network.flags("lo");
            network.linkUp("lo");
            return List.of(before, (int) network.flags("lo"));
        });
        assertEquals(0, flags.get(0) & 1, "lo starts down");
        assertEquals(1, flags.get(1) & 1, "lo is up");
    }

    @Test
    void linkUp_ofAMissingLink_isENODEV() {
        var e = assertThrows(SyscallException.class, () -> inOwnNetworkNamespace(() -> {
            network.linkUp("jrunc-none0");
            return null;
        }));
        assertEquals(Errno.ENODEV, e.errno());
    }

    @Test
    void addRoute_addsALinkRouteAndADefaultRouteViaAGateway() {
        List<String> routes = inOwnNetworkNamespace(() -> {
            network.linkUp("lo");
            network.addRoute(new RouteRequest("10.99.0.0/16", "", "lo"));
            network.addRoute(new RouteRequest("0.0.0.0/0", "10.99.0.1", "lo"));
            return routes();
        });
        assertEquals(List.of("00000000 0100630A lo", "0000630A 00000000 lo"), routes);
    }

    @Test
    void addRoute_twice_isEEXIST() {
        var e = assertThrows(SyscallException.class, () -> inOwnNetworkNamespace(() -> {
            network.linkUp("lo");
            network.addRoute(new RouteRequest("10.98.0.0/16", "", "lo"));
            network.addRoute(new RouteRequest("10.98.0.0/16", "", "lo"));
            return null;
        }));
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals("RTM_NEWROUTE", e.syscall());
    }

    @Test
    void addRoute_viaAMissingInterface_isENODEV() {
        var e = assertThrows(SyscallException.class, () -> inOwnNetworkNamespace(() -> {
            network.addRoute(new RouteRequest("10.97.0.0/16", "", "jrunc-none0"));
            return null;
        }));
        assertEquals(Errno.ENODEV, e.errno());
    }
}
