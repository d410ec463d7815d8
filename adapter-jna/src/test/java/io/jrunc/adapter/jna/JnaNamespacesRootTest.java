package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Namespace;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class JnaNamespacesRootTest extends JnaRootTest {
    @Test
    void givenANewUtsNamespace_thenTheChildsHostnameIsItsOwn() {
        JnaTestChild.JnaResult child = JnaTestChild.run("hostname jrunc-uts && hostname", Set.of(Namespace.UTS), Map.of());

        assertEquals("jrunc-uts", child.output);
    }

    @Test
    void givenANamespacePath_thenTheChildJoinsIt() throws InterruptedException {
        int holder = JnaTestChild.start("hostname jrunc-joined && exec sleep 30", Set.of(Namespace.UTS, Namespace.NET));
        try {
            JnaTestChild.awaitComm(holder, "sleep");
            String ns = "/proc/" + holder + "/ns/";

            JnaTestChild.JnaResult child = JnaTestChild.run("hostname; readlink /proc/self/ns/net", Set.of(),
                    Map.of(Namespace.UTS, ns + "uts", Namespace.NET, ns + "net"));

            assertEquals("jrunc-joined\n" + readlink(ns + "net"), child.output);
            assertNotEquals(readlink("/proc/self/ns/net"), readlink(ns + "net"));
        } finally {
            JnaTestChild.stop(holder);
        }
    }

    @Test
    void givenAMountNamespacePath_thenTheChildSeesItsMounts() throws InterruptedException {
        int holder = JnaTestChild.start(
                "mount --make-rprivate / && mount -t tmpfs jrunc-holder /mnt && exec sleep 30", Set.of(Namespace.MOUNT));
        try {
            JnaTestChild.awaitComm(holder, "sleep");

            JnaTestChild.JnaResult child = JnaTestChild.run("grep -c jrunc-holder /proc/self/mountinfo", Set.of(),
                    Map.of(Namespace.MOUNT, "/proc/" + holder + "/ns/mnt"));

            assertEquals("1", child.output);
        } finally {
            JnaTestChild.stop(holder);
        }
    }

    @Test
    void setnsOnAThreadOfItsOwnChangesOnlyThatThread() throws InterruptedException {
        int holder = JnaTestChild.start("hostname jrunc-setns && exec sleep 30", Set.of(Namespace.UTS));
        try {
            JnaTestChild.awaitComm(holder, "sleep");

            String seen = JnaFreshThread.call("test-setns", () -> {
                new JnaNamespaces().setns("/proc/" + holder + "/ns/uts", Namespace.UTS);
                return hostnameOfThisThread();
            });

            assertEquals("jrunc-setns", seen);
        } finally {
            JnaTestChild.stop(holder);
        }
    }

    /** /proc/sys/kernel/hostname answers with the UTS namespace of the thread that reads it. */
    static String hostnameOfThisThread() {
        return new String(JnaFileIo.readIfExists("/proc/sys/kernel/hostname").orElseThrow()).trim();
    }

    private static String readlink(String path) {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of(path)).toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
