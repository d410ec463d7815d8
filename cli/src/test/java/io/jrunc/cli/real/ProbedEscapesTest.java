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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ways out of a container that probing found (a hostile image, a hostile process inside), each performed
 * against real containers on both native backends: each of these passed on jrunc before its defence, and fails
 * on runc 1.1.5 as it does here.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProbedEscapesTest extends RealContainers {
    private BusyboxBundle bundle(String script) throws Exception {
        return BusyboxBundle.in(tmp.resolve("bundle")).shell(script);
    }

    private void assertRefusedLeavingNothing(CliRunner.Result create, String expected, String id) {
        assertEquals(1, create.status, create.toString());
        // The log line quotes its message as runc's logrus does: inner quotes come escaped.
        assertTrue(create.err.contains(expected.replace("\"", "\\\"")), create.toString());
        assertFalse(Files.exists(root.resolve(id)), "no state is left");
    }

    /** The session of the test's JVM, which a container in it would share (0 from inside its pid namespace). */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theContainersInitLeadsASessionAndProcessGroupOfItsOwn(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // exec: the shell is the init itself, pid 1; fields 5 and 6 of stat are its process group and session.
        bundle("exec cut -d' ' -f5,6 /proc/self/stat > /out/ids").write();

        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "s1");

        assertEquals(0, run.status, run.toString());
        assertEquals("1 1", Files.readString(tmp.resolve("bundle/out/ids")).trim(),
                "pid 1 is the leader of its own process group and session, not in its caller's");
    }

    /**
     * An image that links a file the engine binds (/etc/hosts) into /proc would have the bind land on the init's
     * attr/exec, and the AppArmor profile written into the host's file instead of applied (CVE-2019-16884).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aBindThatAnImageLinkLeadsIntoProcIsRefusedAndTheHostFileIsUntouched(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Path hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 localhost\n");
        BusyboxBundle b = bundle("true").edit(c -> {
            ObjectNode bind = ((ArrayNode) c.get("mounts")).addObject();
            bind.put("destination", "/etc/hosts").put("type", "bind").put("source", hosts.toString());
            bind.putArray("options").add("bind");
            ((ObjectNode) c.get("process")).put("apparmorProfile", "jrunc-test-profile");
        }).write();
        Files.createSymbolicLink(b.rootfs.resolve("etc/hosts"), Path.of("/proc/1/attr/exec"));

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "p1");

        assertRefusedLeavingNothing(create,
                "\"" + b.rootfs.toRealPath() + "/proc/1/attr/exec\" cannot be mounted because it is inside /proc", "p1");
        assertEquals("127.0.0.1 localhost\n", Files.readString(hosts));
    }

    /**
     * /proc, /sys or /dev as links in the image: proc would be mounted where the link leads and the runtime's
     * /proc writes (attr, sysctl) and the exec fifo would go through the container's files (CVE-2019-19921).
     */
    @ParameterizedTest
    @CsvSource({"ffm,proc,fakeproc,proc", "jna,proc,fakeproc,proc", "ffm,sys,proc,sysfs", "jna,sys,proc,sysfs",
            "ffm,dev,proc,tmpfs", "jna,dev,proc,tmpfs"})
    void aKernelDirectoryThatIsALinkInTheImageIsRefused(String backend, String dir, String target, String type)
            throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundle("echo ran > /out/ran").write();
        Path link = b.rootfs.resolve(dir);
        Files.delete(link);
        Files.createDirectories(b.rootfs.resolve(target));
        Files.createSymbolicLink(link, Path.of(target));

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "k1");

        assertRefusedLeavingNothing(create, "filesystem \"" + type + "\" must be mounted on ordinary directory", "k1");
        assertFalse(Files.exists(b.out.resolve("ran")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void anLxcfsStyleBindOverAProcFileIsStillAllowed(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Path uptime = Files.writeString(tmp.resolve("uptime"), "42.00 41.00\n");
        bundle("cat /proc/uptime > /out/uptime").edit(c -> {
            ObjectNode bind = ((ArrayNode) c.get("mounts")).addObject();
            bind.put("destination", "/proc/uptime").put("type", "bind").put("source", uptime.toString());
            bind.putArray("options").add("bind").add("ro");
        }).write();

        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "l1");

        assertEquals(0, run.status, run.toString());
        assertEquals("42.00 41.00", Files.readString(tmp.resolve("bundle/out/uptime")).trim());
    }

    /**
     * A working directory through a magic link to an fd of the init (its own /proc handle is fd 3) would start the
     * program in the host's procfs, whose sys/ is writable (core_pattern: host root). CVE-2024-21626's class.
     */
    @ParameterizedTest
    @CsvSource({"ffm,/proc/self/fd/3", "jna,/proc/self/fd/3", "ffm,/proc/1/fd/3", "jna,/proc/1/fd/3",
            "ffm,/proc/1/task/1/fd/3", "jna,/proc/thread-self/fd/3"})
    void aWorkingDirectoryThroughAnFdOfTheInitIsRefused(String backend, String cwd) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundle("ls .. > /out/escaped").edit(c -> ((ObjectNode) c.get("process")).put("cwd", cwd))
                .write();

        var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "w1");

        assertRefusedLeavingNothing(run, "possible container breakout detected", "w1");
        assertFalse(Files.exists(b.out.resolve("escaped")));
    }

    /**
     * In another container's mount namespace the init's program would be looked up in that container's tree, where
     * its processes could have planted one to run as root: refused until the init joins that namespace itself.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void joiningAnotherMountNamespaceIsRefused(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundle("touch /out/ran").edit(c -> {
            ArrayNode namespaces = ((ObjectNode) c.get("linux")).putArray("namespaces");
            namespaces.addObject().put("type", "pid");
            namespaces.addObject().put("type", "uts");
            namespaces.addObject().put("type", "mount").put("path", "/proc/1/ns/mnt");
        }).write();

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "j1");

        assertRefusedLeavingNothing(create, "not supported yet: joining a mount namespace", "j1");
        assertFalse(Files.exists(b.out.resolve("ran")));
    }
}
