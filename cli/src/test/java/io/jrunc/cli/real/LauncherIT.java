package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a caller hands the launcher ({@code ./jrunc}) with the process it starts, as an engine or a shell does.
 * Its fds: only those reach the container, never the JVM's own files at the numbers the caller left free (its
 * modules image, its jars), which a root process in the container could reopen for writing through /proc/1/fd
 * and overwrite. Its session and terminal: the container has a session of its own, so a shell's terminal
 * cannot be opened from inside as /dev/tty (and typed into with TIOCSTI).
 *
 * <p>Run by failsafe after the package phase: the launcher needs the packaged jar and target/lib. It runs a
 * copy of them (and of the launcher), so that a regression lets the attack spoil the copy, not the build.
 * Each case runs on both backends, and on JDK 17 ({@code JRUNC_JAVA}), where the launcher picks JNA.
 */
@Tag("root")
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LauncherIT {
    private static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    @TempDir
    static Path install;
    static Path launcher;

    @TempDir
    Path tmp;
    Path root;
    BusyboxBundle bundle;

    @BeforeAll
    static void copyTheLauncherAndTheBuild() throws IOException {
        String built = System.getProperty("jrunc.launcher");
        Assumptions.assumeTrue(built != null, "run by failsafe, which names the launcher");
        launcher = BuildCopy.into(install, Path.of(built));
    }

    @BeforeEach
    void needsRootAndBusybox() {
        RootTier.requiresRoot();
        RootTier.requiresBusybox();
        root = tmp.resolve("state");
    }

    @AfterEach
    void leavesNoMountBehind() throws IOException {
        String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mountinfo.contains(tmp.toString()), "a mount under the test's directory was left behind");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna", "jdk17"})
    void theJvmsOwnFilesAtPreservedNumbersAreRefusedNotHandedToTheContainer(String variant) throws Exception {
        assumeRuns(variant);
        // The attack: every fd of pid 1 that is a jar is reopened for writing and its first byte overwritten.
        // Fd 3 (the JDK's modules image, shared by every JVM on the host) is never written, even on a regression.
        bundle("for f in /proc/1/fd/*; do case $(readlink $f) in *.jar) printf X 1<>$f && echo $f >> /out/written;;"
                + " esac; done").write();
        Map<Path, String> before = jarHashes();
        String id = "fds-attack-" + variant;

        var run = launch(variant, "", "run", "--preserve-fds", "3", "--bundle", bundleDir().toString(), id);

        assertEquals(before, jarHashes(), "no jar of jrunc's was written");
        assertFalse(Files.exists(bundleDir().resolve("out/written")), "the container never ran");
        assertEquals(1, run.status, run.toString());
        assertTrue(run.err.contains("jrunc run failed: unable to stat preserved-fd 0 (of 3): fd 3 was not passed to jrunc"),
                run.toString());
        assertNothingLeft(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna", "jdk17"})
    void listenFdsMeantForAnotherProcessAreIgnored(String variant) throws Exception {
        assumeRuns(variant);
        bundle("ls -l /proc/self/fd > /out/fds").write();
        String id = "fds-listen-" + variant;

        var run = launch(variant, "export LISTEN_FDS=12", "run", "--bundle", bundleDir().toString(), id);

        assertEquals(0, run.status, run.toString());
        assertEquals(Map.of(), fdsAboveStdio(), "no fd from 3 up: LISTEN_PID does not name jrunc");
        assertNothingLeft(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna", "jdk17"})
    void aFileHandedOverAsFd3ReachesTheContainerAsFd3AndNothingAfterIt(String variant) throws Exception {
        assumeRuns(variant);
        Path handed = Files.writeString(tmp.resolve("handed"), "handed over\n");
        bundle("cat <&3 > /out/three; ls -l /proc/self/fd > /out/fds").write();
        String id = "fds-preserved-" + variant;

        var run = launch(variant, "exec 3<" + handed, "run", "--preserve-fds", "1", "--bundle",
                bundleDir().toString(), id);

        assertEquals(0, run.status, run.toString());
        assertEquals("handed over", bundle.output("three"));
        assertEquals(Map.of(3, handed.toString()), fdsAboveStdio(), "fd 3 and no fd 4");
        assertNothingLeft(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna", "jdk17"})
    void socketActivationsFdsReachTheContainerWhenLISTEN_PIDIsJrunc(String variant) throws Exception {
        assumeRuns(variant);
        Path handed = Files.writeString(tmp.resolve("listening"), "listening\n");
        bundle("cat <&3 > /out/three; ls -l /proc/self/fd > /out/fds").write();
        String id = "fds-activated-" + variant;

        // The launcher execs java, so the shell's pid is jrunc's.
        var run = launch(variant, "exec 3<" + handed + "; export LISTEN_PID=$$ LISTEN_FDS=1", "run", "--bundle",
                bundleDir().toString(), id);

        assertEquals(0, run.status, run.toString());
        assertEquals("listening", bundle.output("three"));
        assertEquals(Map.of(3, handed.toString()), fdsAboveStdio());
        assertNothingLeft(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna", "jdk17"})
    void aListenFdThatWasNotHandedOverIsRefused(String variant) throws Exception {
        assumeRuns(variant);
        Path handed = Files.writeString(tmp.resolve("listening"), "listening\n");
        bundle("touch /out/ran").write();
        String id = "fds-unlistened-" + variant;

        var run = launch(variant, "exec 3<" + handed + "; export LISTEN_PID=$$ LISTEN_FDS=2", "run", "--bundle",
                bundleDir().toString(), id);

        assertEquals(1, run.status, run.toString());
        assertTrue(run.err.contains("jrunc run failed: unable to use listen fd 1 (of 2, from LISTEN_FDS): fd 4 was"
                + " not passed to jrunc"), run.toString());
        assertFalse(Files.exists(bundleDir().resolve("out/ran")));
        assertNothingLeft(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna", "jdk17"})
    void aClosedStdinIsDevNullInTheContainerNotAFileOfTheJvm(String variant) throws Exception {
        assumeRuns(variant);
        bundle("readlink /proc/self/fd/0 > /out/stdin").write();
        String id = "fds-stdin-" + variant;

        var run = launch(variant, "exec 0<&-", "run", "--bundle", bundleDir().toString(), id);

        assertEquals(0, run.status, run.toString());
        assertEquals("/dev/null", bundle.output("stdin"));
        assertNothingLeft(id);
    }

    /** Called from an interactive terminal (script(1) gives the launcher a pseudo-terminal as its session's). */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna", "jdk17"})
    void theCallersTerminalIsNotTheContainersControllingTerminal(String variant) throws Exception {
        assumeRuns(variant);
        RootTier.requires(Files.isExecutable(Path.of("/usr/bin/script")), "script (util-linux)");
        bundle("(exec 3</dev/tty) 2> /out/tty; cut -d' ' -f6 /proc/self/stat > /out/session").write();
        String id = "session-" + variant;

        // script(1) runs the launcher's command line (no spaces in its words) on a new pseudo-terminal.
        var run = launch(variant, "exec /usr/bin/script -qec \"$*\" /dev/null", "run", "--bundle",
                bundleDir().toString(), id);

        assertEquals(0, run.status, run.toString());
        assertTrue(bundle.output("tty").endsWith("No such device or address"), bundle.output("tty"));
        assertEquals("1", bundle.output("session"), "the shell is in the session its pid 1 leads");
        assertNothingLeft(id);
    }

    /** A foreground run with process.terminal, through the launcher, at a terminal: the pty is relayed. */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna", "jdk17"})
    void aTerminalIsRelayedThroughTheLauncher(String variant) throws Exception {
        assumeRuns(variant);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script (util-linux)");
        bundle("tty > /out/tty; echo relayed; exit 5")
                .edit(config -> ((com.fasterxml.jackson.databind.node.ObjectNode) config.get("process"))
                        .put("terminal", true))
                .write();
        String id = "tty-" + variant;

        var run = launch(variant, "exec /usr/bin/script -qec \"$*\" /dev/null", "run", "--bundle",
                bundleDir().toString(), id);

        assertEquals(5, run.status, "the container's status: " + run);
        assertEquals("/dev/pts/0", bundle.output("tty"), "the container's own pty");
        assertTrue(run.out().contains("relayed"), run.toString());
        assertNothingLeft(id);
    }

    /** runc's init sets 0022 where the config names no umask: the caller's is not the container's business. */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna", "jdk17"})
    void withoutAUmaskInTheConfigTheContainerGetsRuncsNotTheCallers(String variant) throws Exception {
        assumeRuns(variant);
        bundle("umask > /out/umask").write();
        String id = "umask-" + variant;

        var run = launch(variant, "umask 077", "run", "--bundle", bundleDir().toString(), id);

        assertEquals(0, run.status, run.toString());
        assertEquals("0022", bundle.output("umask"));
        assertNothingLeft(id);
    }

    private BusyboxBundle bundle(String script) throws Exception {
        bundle = BusyboxBundle.in(bundleDir()).shell(script);
        return bundle;
    }

    private Path bundleDir() {
        return tmp.resolve("bundle");
    }

    private static void assumeRuns(String variant) {
        if (variant.equals("jdk17")) {
            RootTier.hostHas(Files.isExecutable(JDK17), "a JDK 17 at " + JDK17);
        } else {
            Backends.assumeLoads(variant);
        }
    }

    private record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /**
     * The launcher, exec'd by {@code sh -c} after {@code setUp} (which hands it fds or sets its environment),
     * with the global flags for the variant and a state root of the test's own.
     */
    private Result launch(String variant, String setUp, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", setUp + "\nexec \"$@\"", "sh",
                launcher.toString()));
        if (!variant.equals("jdk17")) {
            command.addAll(List.of("--backend", variant));
        }
        command.addAll(List.of("--root", root.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeAll(List.of("LISTEN_FDS", "LISTEN_PID", "JRUNC_JAVA_OPTS"));
        env.put("JRUNC_NO_AOT", "1"); // no start-up cache trained for a copy that lives one test class
        env.put("JRUNC_JAVA", variant.equals("jdk17") ? JDK17.toString()
                : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path out = tmp.resolve("launcher.out");
        Path err = tmp.resolve("launcher.err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The container's fds from 3 up, from its {@code ls -l /proc/self/fd}, but for ls's own directory. */
    private Map<Integer, String> fdsAboveStdio() throws IOException {
        Map<Integer, String> fds = new TreeMap<>();
        for (String line : bundle.output("fds").split("\n")) {
            int arrow = line.indexOf(" -> ");
            if (arrow < 0) {
                continue;
            }
            String[] before = line.substring(0, arrow).trim().split("\\s+");
            int fd = Integer.parseInt(before[before.length - 1]);
            String target = line.substring(arrow + 4).trim();
            if (fd > 2 && !target.matches("/proc/[0-9]+/fd")) {
                fds.put(fd, target);
            }
        }
        return fds;
    }

    private static Map<Path, String> jarHashes() throws IOException, NoSuchAlgorithmException {
        Map<Path, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(install)) {
            for (Path jar : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar"))::iterator) {
                hashes.put(jar, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(jar))));
            }
        }
        return hashes;
    }

    /**
     * An init runs from a sealed copy of itself, which names no install: one whose root is this test's rootfs is
     * ours (other inits may run on the host meanwhile).
     */
    private boolean inOurRootfs(ProcessHandle p) {
        try {
            return Files.isSameFile(Path.of("/proc", Long.toString(p.pid()), "root"), bundleDir().resolve("rootfs"));
        } catch (IOException e) {
            return false; // gone meanwhile, or not ours to look at
        }
    }

    /** No container, state or lock file in the state root, no cgroup of the container's, no init left. */
    private void assertNothingLeft(String id) throws IOException {
        List<String> left = new java.util.ArrayList<>();
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.map(f -> root.relativize(f).toString())
                        .filter(f -> !f.isEmpty())
                        .forEach(left::add);
            }
        }
        assertEquals(List.of(), left, "the state root is empty");
        assertEquals(List.of(), LeftBehind.cgroups(id), "no cgroup is left");
        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().command()
                .map(c -> c.startsWith(install.toString()) || LeftBehind.isInit(c) && inOurRootfs(p)).orElse(false)),
                "no init of this copy is left");
    }
}
