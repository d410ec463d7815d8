package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pause, resume, update, events and ps on a real container in a real cgroup v1 hierarchy, as root, through
 * both native backends.
 */
@Tag("root")
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RealCgroupCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MEMORY = Path.of("/sys/fs/cgroup/memory");

    @TempDir
    Path tmp;
    Path root;
    String cgroup;
    String id;
    String backend;

    @BeforeEach
    void needsRootBusyboxAndTheMemoryController() {
        RootTier.requiresRoot();
        RootTier.requiresBusybox();
        RootTier.hostHas(CgroupLayout.of().hasV1Controllers() && Files.isDirectory(MEMORY),
                "the cgroup v1 memory controller (layout " + CgroupLayout.of() + ")");
        CgroupLayout.announce("RealCgroupCommandsTest", "the v1 cases");
        root = tmp.resolve("state");
        // Unique per run: other suites make cgroups on this host at the same time.
        cgroup = "/jrunc-test-h3-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @AfterEach
    void leavesNoContainerAndNoCgroup() throws Exception {
        if (backend != null) {
            CliRunner.run(backend, root, "delete", "--force", id);
        }
        if (cgroup != null) {
            assertFalse(Files.exists(MEMORY.resolve(cgroup.substring(1))), "the container's memory cgroup was left");
        }
    }

    private CliRunner.Result jrunc(String... args) {
        return CliRunner.run(backend, root, args);
    }

    private JsonNode state() throws Exception {
        return JSON.readTree(jrunc("state", id).out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void pauseResumeUpdateEventsAndPsOnARunningContainer(String chosen) throws Exception {
        Backends.assumeLoads(chosen);
        backend = chosen;
        id = "cg-" + chosen;
        BusyboxBundle.in(tmp.resolve("bundle")).shell("touch /out/started; exec sleep 60")
                .edit(c -> ((ObjectNode) c.get("linux")).put("cgroupsPath", cgroup)).write();
        var run = jrunc("run", "--detach", "--bundle", tmp.resolve("bundle").toString(), id);
        assertEquals(0, run.status, run.toString());
        waitFor(() -> Files.exists(tmp.resolve("bundle/out/started")));
        int pid = state().get("pid").asInt();

        assertEquals(0, jrunc("pause", id).status);
        assertEquals("paused", state().get("status").asText());
        assertEquals("FROZEN", Files.readString(Path.of("/sys/fs/cgroup/freezer" + cgroup + "/freezer.state")).trim());
        var again = jrunc("pause", id);
        assertTrue(again.err.contains("container not running"), again.toString());
        assertEquals(0, jrunc("resume", id).status);
        assertEquals("running", state().get("status").asText());

        var update = jrunc("update", "--memory", "64M", id);
        assertEquals(0, update.status, update.toString());
        assertEquals("67108864", Files.readString(MEMORY.resolve(cgroup.substring(1) + "/memory.limit_in_bytes")).trim());

        var events = jrunc("events", "--stats", id);
        assertEquals(0, events.status, events.toString());
        JsonNode event = JSON.readTree(events.out);
        assertEquals("stats", event.get("type").asText());
        assertEquals(id, event.get("id").asText());
        assertTrue(event.at("/data/memory/usage/usage").asLong() > 0, events.out);
        assertEquals(67108864, event.at("/data/memory/usage/limit").asLong(), events.out);

        var ps = jrunc("ps", "--format", "json", id);
        assertEquals(0, ps.status, ps.toString());
        assertTrue(JSON.readTree(ps.out).toString().contains(Integer.toString(pid)), ps.out);
        var table = jrunc("ps", id);
        assertTrue(table.out.contains("sleep 60"), table.toString());

        assertEquals(0, jrunc("kill", id, "KILL").status);
        waitFor(() -> "stopped".equals(state().get("status").asText()));
        var stopped = jrunc("update", "--memory", "32M", id);
        assertTrue(stopped.err.contains("container not running"), stopped.toString());
        assertEquals(0, jrunc("delete", id).status);
        backend = null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void eventsTellsAnOomKillInTheContainer(String chosen) throws Exception {
        Backends.assumeLoads(chosen);
        backend = chosen;
        id = "oom-" + chosen;
        // tail keeps a whole "line" of 64 MiB of zeros in memory: the OOM killer ends it inside the 16 MiB limit.
        BusyboxBundle.in(tmp.resolve("bundle"))
                .shell("touch /out/started; while [ ! -e /out/go ]; do sleep 0.05; done;"
                        + " head -c 67108864 /dev/zero | tail > /dev/null; sleep 1")
                .edit(c -> {
                    ObjectNode linux = (ObjectNode) c.get("linux");
                    linux.put("cgroupsPath", cgroup);
                    linux.putObject("resources").putObject("memory").put("limit", 16L << 20);
                })
                .write();
        assertEquals(0, jrunc("run", "--detach", "--bundle", tmp.resolve("bundle").toString(), id).status);
        waitFor(() -> Files.exists(tmp.resolve("bundle/out/started")));
        // The OOM is let happen only once events has printed a stats line, so it has read the count it starts from.
        var events = CliRunner.start(backend, root, "events", "--interval", "100ms", id);
        waitFor(() -> events.outSoFar().contains("\"type\":\"stats\""));
        Files.writeString(tmp.resolve("bundle/out/go"), "");

        var result = events.await(Duration.ofSeconds(60));
        assertEquals(0, result.status, result.toString());
        assertTrue(result.out.contains("{\"type\":\"oom\",\"id\":\"" + id + "\"}"), result.toString());
        // One kill or more: the OOM killer may take another task of the pipeline too.
        String control = Files.readString(MEMORY.resolve(cgroup.substring(1) + "/memory.oom_control"));
        long kills = control.lines().filter(l -> l.startsWith("oom_kill ")).mapToLong(l -> Long.parseLong(l.substring(9).trim()))
                .findFirst().orElse(0);
        assertTrue(kills >= 1, control);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
