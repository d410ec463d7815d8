package io.jrunc.ports.contract;

import io.jrunc.ports.Namespaces;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** unshare and setns on a thread that is thrown away afterwards (root on a real kernel). */
public abstract class NamespacesContract extends PortContract {
    private Namespaces namespaces() {
        return ports().namespaces();
    }

    @BeforeEach
    void needsPrivilege() {
        assumePrivileged();
    }

    @Test
    void unshareOfNewNamespacesMovesTheThreadIntoThemAndNoOther() {
        List<String> before = ports().isolated(Set.of(), () -> List.of(ports().namespace(Namespace.UTS),
                ports().namespace(Namespace.IPC), ports().namespace(Namespace.NET)));
        List<String> after = ports().isolated(Set.of(), () -> {
            namespaces().unshare(Set.of(Namespace.UTS, Namespace.IPC));
            return List.of(ports().namespace(Namespace.UTS), ports().namespace(Namespace.IPC),
                    ports().namespace(Namespace.NET));
        });

        assertNotEquals(before.get(0), after.get(0), "a new UTS namespace");
        assertNotEquals(before.get(1), after.get(1), "a new IPC namespace");
        assertEquals(before.get(2), after.get(2), "the network namespace was not asked for");
    }

    /** /proc/self is the thread group's leader, still in the host's namespaces: setns takes the thread back. */
    @Test
    void setnsToTheNamespaceOfAProcessByItsProcLink() {
        String host = ports().isolated(Set.of(), () -> ports().namespace(Namespace.UTS));
        List<String> seen = ports().isolated(Set.of(Namespace.UTS), () -> {
            String own = ports().namespace(Namespace.UTS);
            namespaces().setns("/proc/self/ns/uts", Namespace.UTS);
            return List.of(own, ports().namespace(Namespace.UTS));
        });

        assertNotEquals(host, seen.get(0));
        assertEquals(host, seen.get(1), "back in the leader's namespace");
    }

    @Test
    void setnsToAMissingFileIsENOENT() {
        ports().isolated(Set.of(), () -> assertErrno(Errno.ENOENT,
                () -> namespaces().setns(path("missing"), Namespace.NET)));
    }

    @Test
    void setnsToAFileThatNamesNoNamespaceIsEINVAL() {
        ports().filesystem().touch(path("plain"), 0644);

        ports().isolated(Set.of(), () -> assertErrno(Errno.EINVAL,
                () -> namespaces().setns(path("plain"), Namespace.NET)));
    }

    @Test
    void setnsToANamespaceOfAnotherTypeIsEINVAL() {
        ports().isolated(Set.of(), () -> assertErrno(Errno.EINVAL,
                () -> namespaces().setns("/proc/self/ns/uts", Namespace.NET)));
    }

    /** An fd of a namespace as mount_setattr takes it: read-only (not O_PATH) and close-on-exec, never inherited. */
    @Test
    void openNamespaceGivesACloseOnExecFdAndAMissingOneIsENOENT() {
        int fd = namespaces().openNamespace("/proc/self/ns/user");
        try {
            org.junit.jupiter.api.Assertions.assertTrue(ports().closeOnExec(fd));
        } finally {
            ports().fileDescriptors().close(fd);
        }
        assertErrno(Errno.ENOENT, () -> namespaces().openNamespace(path("missing")));
    }
}
