package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A foreground {@code run} passes the signals it gets on to its container. The runtime runs in a JVM of its
 * own here, since forwarding replaces the process's signal handlers.
 */
@Tag("root")
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SignalForwardingTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsRootAndBusybox() {
        RootTier.requiresRoot();
        RootTier.requiresBusybox();
    }

    @ParameterizedTest
    @CsvSource({"ffm,TERM,15", "jna,TERM,15", "ffm,USR1,10", "jna,HUP,1"})
    void aSignalToTheRuntimeReachesTheContainer(String backend, String signal, int number) throws Exception {
        Backends.assumeLoads(backend);
        // The shell's trap runs between two short sleeps, and its exit status says which signal came.
        BusyboxBundle.in(tmp.resolve("bundle"))
                .shell("trap 'echo " + signal + " > /out/got; exit 3' " + signal
                        + "; touch /out/started; while true; do sleep 0.1; done")
                .write();
        Path root = tmp.resolve("state");
        Process runtime = runtimeJvm(backend, root, "run", "--bundle", tmp.resolve("bundle").toString(), "sig-" + backend)
                .start();
        waitFor(() -> Files.exists(tmp.resolve("bundle/out/started")) || !runtime.isAlive());
        assertTrue(runtime.isAlive(), () -> "the runtime ended early: " + output(runtime));

        new ProcessBuilder("kill", "-" + number, Long.toString(runtime.pid())).inheritIO().start().waitFor();

        assertTrue(runtime.waitFor(30, TimeUnit.SECONDS), "the runtime did not end after the container did");
        assertEquals(3, runtime.exitValue(), () -> output(runtime));
        assertEquals(signal, Files.readString(tmp.resolve("bundle/out/got")).trim());
        assertFalse(Files.exists(root.resolve("sig-" + backend)), "run deletes what it ran");
    }

    private static ProcessBuilder runtimeJvm(String backend, Path root, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "io.jrunc.cli.Main", "--backend", backend, "--root", root.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private static String output(Process p) {
        try {
            return p.isAlive() ? "(still running)" : new String(p.getInputStream().readAllBytes());
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
