package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runtime killed with SIGKILL at each stage of create, on the real kernel: a runtime JVM of its own is told
 * (JRUNC_TEST_STOP_AT, see StopAtStage) to stop itself with SIGSTOP at one stage, is killed there, and then
 * {@code state} and {@code list} must describe the remains as runc would, and {@code delete --force} must take
 * them down: no process, no cgroup, no state directory, no lock file, no mount.
 *
 * <p>What each stage leaves: before a state is saved (state-dir, spawned) only the state directory, which runc
 * too reports as "container does not exist" and skips in list with a warning; the init, whose sync socket closes
 * with the runtime, exits. From the saved "creating" state on (cgroup, mounted) a cgroup, and an init that exits
 * the same way: the container is stopped. After the exec request the init lives on, waiting on the exec fifo,
 * and the container reads as creating until delete --force kills it.
 */
class CreateCrashTest extends RealContainers {

    static Stream<Arguments> stages() {
        List<Arguments> all = new ArrayList<>();
        for (String backend : List.of("ffm", "jna")) {
            for (String stage : List.of("state-dir", "spawned", "cgroup", "mounted", "exec-requested")) {
                all.add(Arguments.of(backend, stage));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: killed at {1}")
    @MethodSource("stages")
    void aRuntimeKilledAtAnyStageOfCreateLeavesNothingThatDeleteForceDoesNotTakeDown(String backend, String stage)
            throws Exception {
        Backends.assumeLoads(backend);
        String id = "crash-" + backend + "-" + stage;
        Path bundle = BusyboxBundle.in(tmp.resolve("bundle")).shell("true").write().dir;
        Process runtime = runtimeJvm(backend, stage, "create", "--bundle", bundle.toString(), id).start();
        waitLong(() -> stopped(runtime.pid()) || !runtime.isAlive());
        assertTrue(runtime.isAlive(), () -> "the runtime did not stop at " + stage + ": " + output(runtime));
        List<Long> inits = ProcessHandle.of(runtime.pid()).orElseThrow().children().map(ProcessHandle::pid).toList();
        assertEquals(stage.equals("state-dir") ? 0 : 1, inits.size(), "the init, once spawned: " + inits);

        runtime.destroyForcibly(); // SIGKILL
        assertTrue(runtime.waitFor(30, TimeUnit.SECONDS));
        boolean initLivesOn = stage.equals("exec-requested");
        if (!initLivesOn) {
            // Its sync socket closed with the runtime: the init has nothing left to do.
            waitLong(() -> inits.stream().allMatch(CreateCrashTest::gone));
        }

        CliRunner.Result state = jrunc(backend, "state", id);
        CliRunner.Result list = jrunc(backend, "list");
        switch (stage) {
            case "state-dir", "spawned" -> {
                assertEquals(1, state.status, state::toString);
                assertTrue(state.err.contains("container does not exist"), state::toString);
                assertEquals(0, list.status, list::toString);
                assertFalse(list.out.contains(id), list::toString);
                assertTrue(list.err.contains("load container " + id + ": container does not exist"), list::toString);
                assertTrue(Files.isDirectory(root.resolve(id)), "the half-made directory is there to clean up");
            }
            case "cgroup", "mounted" -> {
                assertEquals(0, state.status, state::toString);
                assertTrue(state.out.contains("\"status\": \"stopped\""), state::toString);
                assertTrue(list.out.contains(id) && list.out.contains("stopped"), list::toString);
                assertFalse(LeftBehind.cgroups(id).isEmpty(), "the cgroup is there to clean up");
            }
            default -> {
                assertEquals(0, state.status, state::toString);
                assertTrue(state.out.contains("\"status\": \"creating\""), state::toString);
                assertTrue(inits.stream().noneMatch(CreateCrashTest::gone), "the init waits on the exec fifo");
            }
        }
        CliRunner.Result start = jrunc(backend, "start", id);
        assertEquals(1, start.status, "a half-made container never starts: " + start);

        CliRunner.Result delete = jrunc(backend, "delete", "--force", id);
        assertEquals(0, delete.status, delete::toString);
        waitLong(() -> inits.stream().allMatch(CreateCrashTest::gone));
        assertEquals(List.of(), LeftBehind.cgroups(id), "no cgroup is left");
        assertFalse(Files.exists(root.resolve(id)), "no state directory is left");
        assertFalse(Files.exists(root.resolve("@locks").resolve(id)), "no lock file is left");
        assertEquals(1, jrunc(backend, "state", id).status, "and it is gone");
        assertEquals(0, jrunc(backend, "delete", "--force", id).status, "delete --force again is harmless");
    }

    /** A runtime JVM of its own, to be killed, told to stop itself at {@code stage}. */
    private ProcessBuilder runtimeJvm(String backend, String stage, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "io.jrunc.cli.Main", "--backend", backend, "--root", root.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("runtime.out").toFile());
        builder.environment().put("JRUNC_TEST_STOP_AT", stage);
        return builder;
    }

    private String output(Process runtime) {
        try {
            return (runtime.isAlive() ? "(still running) " : "exit " + runtime.exitValue() + " ")
                    + Files.readString(tmp.resolve("runtime.out"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stopped by a signal: state T in /proc/PID/stat (the field after the command's closing parenthesis). */
    static boolean stopped(long pid) {
        String stat = stat(pid);
        return stat != null && stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
    }

    /** No longer running: gone from /proc, or a zombie waiting for whichever reaper it was handed to. */
    static boolean gone(long pid) {
        String stat = stat(pid);
        return stat == null || stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException e) {
            return null;
        }
    }

    /** As waitFor, for up to 90 seconds: a runtime JVM starting on a loaded machine is slow. */
    private static void waitLong(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
