package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A config without a mount namespace shares its caller's mount namespace, which on a host is the host's: the
 * container must chroot into its root and leave that namespace as it was, never pivot it, mount in it or change
 * its propagation. Each run happens inside a throwaway mount namespace of the test's own, whose root, mount table
 * and propagation are compared before and after.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NoMountNamespaceTest extends RealContainers {
    private BusyboxBundle bundleWithoutMountNamespace(String script) throws Exception {
        return BusyboxBundle.in(tmp.resolve("bundle")).shell(script).edit(c -> {
            ObjectNode linux = (ObjectNode) c.get("linux");
            ArrayNode namespaces = linux.putArray("namespaces");
            namespaces.addObject().put("type", "pid");
            namespaces.addObject().put("type", "uts");
            namespaces.addObject().put("type", "ipc");
            linux.remove("maskedPaths");
            linux.remove("readonlyPaths");
            c.putArray("mounts");
            ((ObjectNode) c.get("root")).put("readonly", false);
        }).write();
    }

    /** What a mount namespace looks like from inside: its root and its mount table with propagation. */
    private record View(String root, String mountinfo) {
        static View now() throws Exception {
            return new View(Files.readSymbolicLink(Path.of("/proc/thread-self/root")).toString(),
                    Files.readString(Path.of("/proc/thread-self/mountinfo")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theContainerChrootsAndItsCallersMountNamespaceIsLeftAsItWas(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundleWithoutMountNamespace("ls / > /tmp/top; hostname > /tmp/host");
        String hostBefore = Files.readString(Path.of("/proc/self/mountinfo"));

        View[] views = ThrowawayMountNamespace.run(backend, () -> {
            View before = View.now();
            var run = CliRunner.run(backend, tmp.resolve("state"), "run", "--bundle", b.dir.toString(), "nm1");
            assertEquals(0, run.status, run.toString());
            return new View[] {before, View.now()};
        });

        assertEquals(views[0], views[1], "the caller's root, mount table and propagation are unchanged");
        assertEquals(hostBefore, Files.readString(Path.of("/proc/self/mountinfo")), "the host's too");
        assertEquals("bin\ndev\netc\nout\nproc\nroot\nsys\ntmp", Files.readString(b.rootfs.resolve("tmp/top")).trim(),
                "the container saw its own root");
        assertEquals("runc", Files.readString(b.rootfs.resolve("tmp/host")).trim());
        assertFalse(Files.exists(tmp.resolve("state/nm1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void whatWouldTakeAMountIsRefusedBeforeAnythingIsMade(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundleWithoutMountNamespace("true");
        ((ObjectNode) b.config.get("linux")).putArray("maskedPaths").add("/proc/kcore");
        ObjectNode proc = ((ArrayNode) b.config.get("mounts")).addObject();
        proc.put("destination", "/proc").put("type", "proc").put("source", "proc");
        b.write();

        var create = ThrowawayMountNamespace.run(backend,
                () -> CliRunner.run(backend, tmp.resolve("state"), "create", "--bundle", b.dir.toString(), "nm2"));

        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("linux.maskedPaths: requires a mount namespace"), create.err);
        assertTrue(create.err.contains("mounts: requires a mount namespace"), create.err);
        assertFalse(Files.exists(tmp.resolve("state/nm2")));
    }
}
