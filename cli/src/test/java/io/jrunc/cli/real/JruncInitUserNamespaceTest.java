package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.StageMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jrunc-init's user namespace requests, spoken to directly over its socket: "userns" unshares one whose maps the
 * caller writes, "nsfork" makes the namespaces it then owns and hands on to a child that is pid 1 of the new pid
 * namespace and the caller's own child, "setnspath" joins one by path and says EINVAL for a path of another type,
 * "unshare" makes the owned namespaces without the clone, so the caller can write a new time namespace's offsets
 * before "nsfork 0" puts the child in it.
 */
@Tag("root")
@Timeout(30)
class JruncInitUserNamespaceTest {
    private static final Path PROGRAM = Path.of("target/jrunc-init").toAbsolutePath();
    private static final int CLONE_NEWUSER = 0x10000000;
    private static final int CLONE_NEWPID = 0x20000000;
    private static final int CLONE_NEWNS = 0x00020000;
    private static final int CLONE_NEWTIME = 0x00000080;

    private FileDescriptors fds;
    private Processes processes;
    private int ours;
    private int pid;

    @BeforeEach
    void builtAndRoot() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Assumptions.assumeTrue(Files.isExecutable(PROGRAM), "jrunc-init is built by the cli module");
    }

    private void start(String backend) throws Exception {
        Backends.assumeLoads(backend);
        var ports = Backends.ports(backend);
        fds = ports.getInstance(FileDescriptors.class);
        processes = ports.getInstance(Processes.class);
        int[] pair = fds.socketPair();
        ours = pair[0];
        pid = processes.spawn(new SpawnRequest(PROGRAM.toString(), List.of("jrunc-init", Integer.toString(pair[1])),
                List.of(), Set.of(), Map.of(), List.of(0, 1, 2, pair[1])));
        fds.close(pair[1]);
        assertEquals(List.of("waiting"), receive());
    }

    private List<String> ask(String... fields) {
        StageMessage.send(fds, ours, List.of(fields));
        return receive();
    }

    private List<String> receive() {
        return StageMessage.receive(fds, ours, 1 << 20);
    }

    private static String status(int pid) throws Exception {
        return Files.readString(Path.of("/proc/" + pid + "/status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void itMakesAUserNamespaceThenClonesPid1OfTheNamespacesItOwns(String backend) throws Exception {
        start(backend);
        assertEquals(List.of("ok"), ask("userns"));
        Files.writeString(Path.of("/proc/" + pid + "/uid_map"), "0 100000 10\n");
        Files.writeString(Path.of("/proc/" + pid + "/gid_map"), "0 100000 10\n");
        assertEquals(List.of("ok"), ask("resgid", "0", "0", "0"));
        assertEquals(List.of("ok"), ask("resuid", "0", "0", "0"));

        List<String> forked = ask("nsfork", Integer.toString(CLONE_NEWPID | CLONE_NEWNS));
        assertEquals("ok", forked.get(0));
        int child = Integer.parseInt(forked.get(1));
        assertEquals(ExitStatus.exited(0), processes.waitFor(pid), "the first stage leaves once it answered");

        String status = status(child);
        assertTrue(status.contains("NSpid:\t" + child + "\t1\n"), "pid 1 of a new pid namespace:\n" + status);
        assertTrue(status.contains("PPid:\t" + ProcessHandle.current().pid() + "\n"), "the caller's child (CLONE_PARENT)");
        assertTrue(status.contains("Uid:\t100000\t100000\t100000\t100000\n"), status);
        // It goes on with the same socket, in the user namespace, with its own /proc/self.
        List<String> map = ask("read", "/proc/self/uid_map");
        assertEquals("0 100000 10", String.join(" ", map.get(1).trim().split("\\s+")));
        List<String> own = ask("read", "/proc/self/status");
        assertTrue(own.get(1).contains("NSpid:\t" + child + "\t1\n"), "its own /proc/self, not its parent's");
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")),
                Files.readSymbolicLink(Path.of("/proc/" + child + "/ns/mnt")));

        fds.close(ours);
        assertEquals(ExitStatus.exited(1), processes.waitFor(child), "ends when the runtime goes away");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theCallerWritesTheOffsetsOfATimeNamespaceItUnsharedBeforeItsChildEntersIt(String backend) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/ns/time")), "a kernel with time namespaces");
        start(backend);
        assertEquals(List.of("ok"), ask("userns"));
        Files.writeString(Path.of("/proc/" + pid + "/uid_map"), "0 100000 10\n");
        Files.writeString(Path.of("/proc/" + pid + "/gid_map"), "0 100000 10\n");
        assertEquals(List.of("ok"), ask("resgid", "0", "0", "0"));
        assertEquals(List.of("ok"), ask("resuid", "0", "0", "0"));
        Path hostTime = Files.readSymbolicLink(Path.of("/proc/self/ns/time"));

        assertEquals(List.of("ok"), ask("unshare", Integer.toString(CLONE_NEWTIME | CLONE_NEWPID)));
        assertEquals(hostTime, Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/time")), "only its children's");
        // Not dumpable, its own timens_offsets are host root's: the caller writes them, as runc's parent does.
        Files.writeString(Path.of("/proc/" + pid + "/timens_offsets"), "monotonic 500 0\nboottime 700 0\n");
        List<String> forked = ask("nsfork", "0");
        assertEquals("ok", forked.get(0));
        int child = Integer.parseInt(forked.get(1));
        assertEquals(ExitStatus.exited(0), processes.waitFor(pid));

        assertNotEquals(hostTime, Files.readSymbolicLink(Path.of("/proc/" + child + "/ns/time")));
        assertTrue(status(child).contains("NSpid:\t" + child + "\t1\n"), "pid 1 of the pid namespace unshared first");
        assertEquals(List.of("monotonic 500 0", "boottime 700 0"),
                Files.readAllLines(Path.of("/proc/" + child + "/timens_offsets")).stream()
                        .map(l -> String.join(" ", l.trim().split("\\s+"))).toList());
        fds.close(ours);
        processes.waitFor(child);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void itJoinsAUserNamespaceByPathAndRefusesAPathOfAnotherType(String backend) throws Exception {
        start(backend);
        int user = CLONE_NEWUSER;
        assertEquals(List.of("err", "22"), ask("setnspath", "/proc/self/ns/net", Integer.toString(user)), "EINVAL");
        assertEquals(List.of("err", "2"), ask("setnspath", "/no/such/ns", Integer.toString(user)), "ENOENT");
        // A user namespace another process holds (unshare(1)'s), joined by its /proc path.
        Process holder = new ProcessBuilder("unshare", "--user", "--map-root-user", "sleep", "20").start();
        try {
            Path ns = Path.of("/proc/" + holder.pid() + "/ns/user");
            waitForOwnNamespace(ns);
            assertEquals(List.of("ok"), ask("setnspath", ns.toString(), Integer.toString(user)));
            assertEquals(Files.readSymbolicLink(ns), Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/user")));
        } finally {
            holder.destroyForcibly().waitFor();
        }
        fds.close(ours);
        processes.waitFor(pid);
    }

    private static void waitForOwnNamespace(Path ns) throws Exception {
        Path host = Files.readSymbolicLink(Path.of("/proc/self/ns/user"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(ns) && !Files.readSymbolicLink(ns).equals(host)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("unshare made no user namespace");
    }
}
