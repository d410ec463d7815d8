package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jrunc-init, the container's first process, spoken to directly over its socket (no namespaces, so no root):
 * how it answers, and that it ends rather than lingers when the runtime goes away or speaks nonsense.
 */
@Timeout(30)
class JruncInitTest {
    private static final Path PROGRAM = Path.of("target/jrunc-init").toAbsolutePath();

    private FileDescriptors fds;
    private Processes processes;
    private int ours;
    private int pid;

    @BeforeEach
    void built() {
        RootTier.requires(Files.isExecutable(PROGRAM), "jrunc-init, built by the cli module");
    }

    private void start(String backend) throws Exception {
        start(backend, Set.of());
    }

    private void start(String backend, Set<io.jrunc.ports.model.Namespace> namespaces) throws Exception {
        Backends.assumeLoads(backend);
        var ports = Backends.ports(backend);
        fds = ports.getInstance(FileDescriptors.class);
        processes = ports.getInstance(Processes.class);
        int[] pair = fds.socketPair();
        ours = pair[0];
        pid = processes.spawn(new SpawnRequest(PROGRAM.toString(), List.of("jrunc-init", Integer.toString(pair[1])),
                List.of(), namespaces, Map.of(), List.of(0, 1, 2, pair[1])));
        fds.close(pair[1]);
        assertEquals(List.of("waiting"), receive());
    }

    private void send(String... fields) {
        StageMessage.send(fds, ours, List.of(fields));
    }

    private List<String> receive() {
        return StageMessage.receive(fds, ours, 1 << 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void itAnswersEachRequestWithOkOrTheErrnoAndReadsItsOwnFiles(String backend) throws Exception {
        start(backend);
        send("chdir", "/no/such/dir");
        assertEquals(List.of("err", "2"), receive(), "ENOENT");
        send("bogus");
        assertEquals(List.of("err", "22"), receive(), "an unknown request is EINVAL");
        send("umask", "0022x");
        assertEquals(List.of("err", "22"), receive(), "a malformed number is EINVAL");
        send("read", "/proc/self/status");
        List<String> status = receive();
        assertEquals("ok", status.get(0));
        assertTrue(status.get(1).contains("Name:\tjrunc-init"), status.get(1));
        assertTrue(status.get(1).contains("Threads:\t1\n"), "one thread: its credentials are the process's");
        send("read", "/proc/self/cwd/..");
        assertEquals("err", receive().get(0), "a directory is no file to read");
        send("access", "/bin");
        assertEquals(List.of("err", "21"), receive(), "a directory is no program, even for root: EISDIR");
        fds.close(ours);
        assertEquals(ExitStatus.exited(1), processes.waitFor(pid), "the runtime gone, it exits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aTerminatingSignalEndsItWith128PlusItsNumber(String backend) throws Exception {
        start(backend);
        processes.kill(pid, 15);
        assertEquals(ExitStatus.exited(128 + 15), processes.waitFor(pid));
        fds.close(ours);
    }

    /** As runc's init: USR1, USR2 and ALRM are caught and change nothing (a created container stays created). */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theSignalsRuncsInitIgnoresLeaveItWaiting(String backend) throws Exception {
        start(backend);
        for (int signal : new int[] {10, 12, 14}) { // USR1, USR2, ALRM
            processes.kill(pid, signal);
        }
        send("umask", "18");
        assertEquals(List.of("ok"), receive(), "still there, still answering");
        processes.kill(pid, 1); // HUP ends it, as runc's
        assertEquals(ExitStatus.exited(128 + 1), processes.waitFor(pid));
        fds.close(ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aMalformedMessageEndsIt(String backend) throws Exception {
        start(backend);
        fds.write(ours, new byte[] {0, 0, 0, 0});
        assertEquals(ExitStatus.exited(2), processes.waitFor(pid));
        fds.close(ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void itReadsTheLargestMessagesTheRuntimeMaySend(String backend) throws Exception {
        start(backend);
        // An unknown request is EINVAL: an answer, so the whole message was read and split into its fields.
        List<String> most = new java.util.ArrayList<>(List.of("bogus"));
        most.addAll(java.util.Collections.nCopies(StageMessage.MAX_FIELDS - 1, ""));
        StageMessage.send(fds, ours, most);
        assertEquals(List.of("err", "22"), receive(), "as many fields as the runtime may send");
        send("bogus", "x".repeat(StageMessage.MAX_LENGTH - "bogus".length() - 2));
        assertEquals(List.of("err", "22"), receive(), "as many bytes as the runtime may send");
        fds.close(ours);
        assertEquals(ExitStatus.exited(1), processes.waitFor(pid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aMessageLongerThanTheRuntimeMaySendEndsIt(String backend) throws Exception {
        start(backend);
        fds.write(ours, header(StageMessage.MAX_LENGTH + 1));
        assertEquals(ExitStatus.exited(2), processes.waitFor(pid));
        fds.close(ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aMessageOfMoreFieldsThanTheRuntimeMaySendEndsIt(String backend) throws Exception {
        start(backend);
        int fields = StageMessage.MAX_FIELDS + 1;
        byte[] message = java.util.Arrays.copyOf(header(fields), StageMessage.HEADER + fields); // empty fields
        fds.write(ours, message);
        assertEquals(ExitStatus.exited(2), processes.waitFor(pid));
        fds.close(ours);
    }

    private static byte[] header(int length) {
        return java.nio.ByteBuffer.allocate(StageMessage.HEADER).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(length).array();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void startedByHandItRefusesToRun(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Processes p = Backends.ports(backend).getInstance(Processes.class);
        int started = p.spawn(new SpawnRequest(PROGRAM.toString(), List.of("jrunc-init"), List.of(), Set.of(),
                Map.of(), List.of(0, 1, 2)));
        assertEquals(ExitStatus.exited(2), p.waitFor(started));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void itLeadsASessionOfItsOwnSoTheCallersTerminalAndSignalsDoNotReachIt(String backend) throws Exception {
        start(backend);
        send("read", "/proc/self/stat");
        List<String> stat = receive();
        assertEquals("ok", stat.get(0));
        // After "(comm)": state, ppid, pgrp, session.
        String[] fields = stat.get(1).substring(stat.get(1).lastIndexOf(')') + 2).split(" ");
        assertEquals(Integer.toString(pid), fields[2], "its own process group");
        assertEquals(Integer.toString(pid), fields[3], "its own session");
        fds.close(ours);
        processes.waitFor(pid);
    }

    /**
     * It writes only its own /proc/self/attr files for the runtime: a write request for anything that is not on
     * procfs (a file a mount or an image link put in the way) is refused with EXDEV and leaves the file as it was.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aWriteToAFileThatIsNotOnProcfsIsRefused(String backend) throws Exception {
        start(backend);
        Path decoy = Files.createTempFile("jrunc-init-decoy", "");
        try {
            Files.writeString(decoy, "host file");
            send("write", decoy.toString(), "exec unconfined");
            assertEquals(List.of("err", "18"), receive(), "EXDEV");
            assertEquals("host file", Files.readString(decoy));
        } finally {
            Files.delete(decoy);
            fds.close(ours);
            processes.waitFor(pid);
        }
    }

    /**
     * The proc mount is made beneath the container's root (CVE-2021-30465's race): with the destination swapped for
     * a link to a host directory after the runtime resolved it, "mountat" stays inside the root where a mount by
     * path (the "mount" request, a naive runtime's) lands on the host's directory. In a mount namespace of its own,
     * made private first, so nothing reaches the host's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void procIsMountedBeneathTheRoot_soALinkSwappedInStaysInsideIt(String backend) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path dir = Files.createTempDirectory("jrunc-init-mountat");
        Path host = Files.createDirectories(dir.resolve("host"));
        Path root = Files.createDirectories(dir.resolve("root"));
        Path inRoot = Files.createDirectories(root.resolve(dir.getRoot().relativize(host)));
        Files.createSymbolicLink(root.resolve("proc"), host);
        Files.createSymbolicLink(root.resolve("naive"), host);
        start(backend, Set.of(io.jrunc.ports.model.Namespace.MOUNT));
        try {
            send("mount", "", "/", "", Long.toString(0x4000 | 0x40000), ""); // MS_REC | MS_PRIVATE
            assertEquals(List.of("ok"), receive());
            send("mountat", root.toString(), "proc", "proc", "proc", "0", "");
            assertEquals(List.of("ok"), receive());
            String beneath = Files.readString(Path.of("/proc/" + pid + "/mountinfo"));
            send("mount", "proc", root.resolve("naive").toString(), "proc", "0", "");
            assertEquals(List.of("ok"), receive());
            String naive = Files.readString(Path.of("/proc/" + pid + "/mountinfo"));

            assertTrue(beneath.contains(" " + inRoot + " ") && !beneath.contains(" " + host + " "), beneath);
            assertTrue(naive.contains(" " + host + " "), "by path, the link leads the mount to the host: " + naive);
        } finally {
            fds.close(ours);
            processes.waitFor(pid);
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
