package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the classes that run real containers through the in-process CLI share: root and the host's static busybox
 * (skipped without them, but under -Proot a missing one fails the test: see RootTier), a temp directory with the state root in it, and nothing left behind:
 * no mount under the temp directory, no init.
 */
@Tag("root")
abstract class RealContainers {
    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void needsRootAndBusybox() {
        RootTier.requiresRoot();
        RootTier.requiresBusybox();
        root = tmp.resolve("state");
    }

    @AfterEach
    void leavesNoMountAndNoInitBehind() throws IOException {
        String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mountinfo.contains(tmp.toString()), "a mount under the test's directory was left behind");
        List<Long> inits = LeftBehind.inits();
        // Killed before the test fails: an init waiting for start holds this JVM's stdout, and the build would
        // wait for it forever.
        inits.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertEquals(List.of(), inits, "no init is left");
    }

    CliRunner.Result jrunc(String backend, String... args) {
        return CliRunner.run(backend, root, args);
    }

    /** Polls {@code condition} for up to 20 seconds. */
    static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    /** The runtime in a JVM of its own, on this test's JVM and class path, as script(1) runs it. */
    List<String> runtimeCommand(String backend, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "io.jrunc.cli.Main", "--backend", backend, "--root", root.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** How many processes are in the pid namespace {@code link} ("pid:[…]") names. */
    static long inNamespace(String link) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).filter(p -> {
                try {
                    return Files.readSymbolicLink(p.resolve("ns/pid")).toString().equals(link);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
