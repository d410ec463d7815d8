package io.jrunc.ports.contract;

import io.jrunc.ports.Namespaces;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
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
    void unshareOfNewNamespaces() {
        ports().isolated(Set.of(), () -> {
            namespaces().unshare(Set.of(Namespace.UTS, Namespace.IPC));
            return null;
        });
    }

    @Test
    void setnsToTheNamespaceOfAProcessByItsProcLink() {
        ports().isolated(Set.of(Namespace.UTS), () -> {
            namespaces().setns("/proc/self/ns/uts", Namespace.UTS);
            return null;
        });
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
}
