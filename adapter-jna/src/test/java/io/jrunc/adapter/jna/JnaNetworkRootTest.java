package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    static <T> T onOwnNetworkNamespace(java.util.function.Supplier<T> work) {
        return JnaFreshThread.call("test-net", () -> {
            new JnaNamespaces().unshare(Set.of(Namespace.NET));
            return work.get();
        });
    }
}
