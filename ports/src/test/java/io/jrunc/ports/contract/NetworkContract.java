package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.ports.Network;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RouteRequest;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Links and routes of a new network namespace, which has only "lo", down (root on a real kernel). */
public abstract class NetworkContract extends PortContract {
    private Network network() {
        return ports().network();
    }

    @BeforeEach
    void needsPrivilege() {
        assumePrivileged();
    }

    private <T> T inOwnNetworkNamespace(java.util.function.Supplier<T> work) {
        return ports().isolated(Set.of(Namespace.NET), work);
    }

    @Test
    void loComesUp_andARouteOnItIsAdded_onceOnly() {
        String syscall = inOwnNetworkNamespace(() -> {
            network().linkUp("lo");
            network().linkUp("lo");
            network().addRoute(new RouteRequest("10.99.0.0/16", "", "lo"));
            var again = assertErrno(Errno.EEXIST, () -> network().addRoute(new RouteRequest("10.99.0.0/16", "", "lo")));
            return again.syscall();
        });

        assertEquals("RTM_NEWROUTE", syscall);
    }

    @Test
    void aLinkThatIsNotThereIsENODEV() {
        inOwnNetworkNamespace(() -> {
            assertErrno(Errno.ENODEV, () -> network().linkUp("jrunc0"));
            return assertErrno(Errno.ENODEV, () -> network().addRoute(new RouteRequest("10.99.0.0/16", "", "jrunc0")));
        });
    }

    @Test
    void aRouteWithoutAnAddressIsEINVAL() {
        inOwnNetworkNamespace(() -> assertErrno(Errno.EINVAL,
                () -> network().addRoute(new RouteRequest("not-an-address/8", "", "lo"))));
    }
}
