package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real containers in real cgroup v1 hierarchies (this host is hybrid: v1 controllers, cgroup2 at
 * /sys/fs/cgroup/unified), as root, through both native backends: the files under /sys/fs/cgroup say what
 * the spec asked for, the init is in them, and nothing is left after delete or a failed create.
 */
@Tag("root")
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RealCgroupV1Test {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");

    @TempDir
    Path tmp;
    Path root;
    String id;

    @BeforeEach
    void needsRootBusyboxAndV1() {
        RootTier.requiresRoot();
        RootTier.requiresBusybox();
        RootTier.hostHas(CgroupLayout.of().hasV1Controllers() && Files.isDirectory(CGROUP.resolve("memory")),
                "cgroup v1 controllers (layout " + CgroupLayout.of() + ")");
        CgroupLayout.announce("RealCgroupV1Test", "the v1 cases");
        root = tmp.resolve("state");
        id = "cg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private CliRunner.Result jrunc(String backend, String... args) {
        return CliRunner.run(backend, root, args);
    }

    private void bundle(String script, Consumer<ObjectNode> linux) throws Exception {
        BusyboxBundle.in(tmp.resolve("bundle")).shell(script).edit(c -> linux.accept((ObjectNode) c.get("linux")))
                .write();
    }

    /** This JVM's cgroup in a v1 hierarchy: a relative (or absent) cgroupsPath is under it. */
    private static String ownCgroup(String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (List.of(f[1].split(",")).contains(controller)) {
                return f[2];
            }
        }
        throw new AssertionError("no " + controller + " line in /proc/self/cgroup");
    }

    private static Path dir(String controller, String inner) throws IOException {
        String own = ownCgroup(controller);
        return CGROUP.resolve(controller).resolve((own.equals("/") ? "" : own.substring(1) + "/") + inner);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void limitsLandInTheControllersFilesAndTheInitIsInThem(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("echo x > /dev/null; echo $? > /out/null; echo up > /out/up; exec sleep 60", linux -> {
            ObjectNode r = linux.putObject("resources");
            r.putObject("memory").put("limit", 512L << 20).put("swap", 1L << 30);
            r.putObject("pids").put("limit", 300);
            r.putObject("cpu").put("shares", 512).put("quota", 50000).put("period", 100000).put("cpus", "0")
                    .put("mems", "0");
            var devices = r.putArray("devices");
            devices.addObject().put("allow", false).put("access", "rwm");
            // runc's own tests write "rwa": runc reads r, w and m, passes over the rest, writes what it read.
            devices.addObject().put("allow", true).put("type", "c").put("major", 1).put("minor", 11).put("access", "rwa");
            devices.addObject().put("allow", true).put("type", "c").put("major", 4).put("minor", 1).put("access", "ar");
        });
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), id);
        assertEquals(0, create.status, create.toString());
        try {
            Map<?, ?> state = new ObjectMapper().readValue(jrunc(backend, "state", id).out, Map.class);
            String pid = state.get("pid").toString();

            Path memory = dir("memory", id);
            assertEquals(Long.toString(512L << 20), read(memory.resolve("memory.limit_in_bytes")));
            if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
                assertEquals(Long.toString(1L << 30), read(memory.resolve("memory.memsw.limit_in_bytes")));
            }
            assertEquals("300", read(dir("pids", id).resolve("pids.max")));
            assertEquals("512", read(dir("cpu", id).resolve("cpu.shares")));
            assertEquals("50000", read(dir("cpu", id).resolve("cpu.cfs_quota_us")));
            assertEquals("100000", read(dir("cpu", id).resolve("cpu.cfs_period_us")));
            assertEquals("0", read(dir("cpuset", id).resolve("cpuset.cpus")));
            assertEquals("0", read(dir("cpuset", id).resolve("cpuset.mems")));
            List<String> devices = Files.readAllLines(dir("devices", id).resolve("devices.list"));
            assertFalse(devices.contains("a *:* rwm"), "runc's spec denies every device but its own: " + devices);
            assertTrue(devices.contains("c 1:3 rwm"), "/dev/null is one of those: " + devices);
            assertTrue(devices.contains("c 1:11 rw") && devices.contains("c 4:1 r"), "as runc writes them: " + devices);
            for (String controller : List.of("memory", "pids", "cpu", "cpuset", "freezer", "devices")) {
                assertTrue(Files.readAllLines(dir(controller, id).resolve("cgroup.procs")).contains(pid),
                        "the init is in the " + controller + " cgroup");
            }

            assertEquals(0, jrunc(backend, "start", id).status);
            waitFor(() -> Files.exists(tmp.resolve("bundle/out/up")));
            assertEquals("0", Files.readString(tmp.resolve("bundle/out/null")).trim(), "/dev/null stays usable");
            // The user's program runs inside the limits: its own /proc/self/cgroup names the container's cgroups.
            assertEquals(0, jrunc(backend, "kill", id, "KILL").status);
            waitFor(() -> !Files.exists(Path.of("/proc/" + pid)) || Files.readString(Path.of("/proc/" + pid + "/stat")).contains(") Z"));
        } finally {
            jrunc(backend, "delete", "--force", id);
        }
        for (String controller : List.of("memory", "pids", "cpu", "cpuset", "freezer", "devices", "blkio")) {
            assertFalse(Files.exists(dir(controller, id)), "delete removes the " + controller + " cgroup");
        }
        assertFalse(Files.exists(root.resolve(id)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void anAbsoluteCgroupsPathIsTakenAsIsInEveryHierarchy(String backend) throws Exception {
        Backends.assumeLoads(backend);
        String path = "/jrunc-test/" + id;
        bundle("exit 0", linux -> {
            linux.put("cgroupsPath", path);
            linux.putObject("resources").putObject("pids").put("limit", 123);
        });
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), id);
        assertEquals(0, create.status, create.toString());
        try {
            assertEquals("123", read(CGROUP.resolve("pids/jrunc-test").resolve(id).resolve("pids.max")));
            assertTrue(Files.isDirectory(CGROUP.resolve("memory/jrunc-test").resolve(id)));
            if (Files.isDirectory(CGROUP.resolve("unified"))) {
                assertTrue(Files.isDirectory(CGROUP.resolve("unified/jrunc-test").resolve(id)),
                        "on a hybrid host the container is in the unified hierarchy too");
            }
        } finally {
            assertEquals(0, jrunc(backend, "delete", "--force", id).status);
        }
        assertFalse(Files.exists(CGROUP.resolve("pids/jrunc-test").resolve(id)));
        assertFalse(Files.exists(CGROUP.resolve("unified/jrunc-test").resolve(id)));
        // The parent is the test's, as runc leaves parents to whoever made them; empty now, it goes.
        try (Stream<Path> hierarchies = Files.list(CGROUP)) {
            for (Path h : hierarchies.toList()) {
                try {
                    Files.deleteIfExists(h.resolve("jrunc-test"));
                } catch (IOException e) {
                    // another run of this test is using it
                }
            }
        }
    }

    /**
     * The container sees its own cgroups in /sys/fs/cgroup and nothing above them: without a cgroup namespace
     * each hierarchy is a bind of its cgroup (runc's binds), with one it is mounted afresh in the namespace,
     * which the init made after joining the cgroup, so that /proc/self/cgroup says "/" as under runc. As under
     * runc, a hybrid host's unified hierarchy (no controllers) is not among them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ffm:false", "ffm:true", "jna:false", "jna:true"})
    void theContainerSeesOnlyItsOwnCgroups(String backendAndNamespace) throws Exception {
        String backend = backendAndNamespace.split(":")[0];
        boolean cgroupns = Boolean.parseBoolean(backendAndNamespace.split(":")[1]);
        Backends.assumeLoads(backend);
        bundle("grep pids /proc/self/cgroup > /out/self; cat /sys/fs/cgroup/pids/cgroup.procs > /out/procs;"
                + " grep ' /sys/fs/cgroup/pids ' /proc/self/mountinfo | cut -d' ' -f4 > /out/root;"
                + " ls /sys/fs/cgroup > /out/ls", linux -> {
                    if (cgroupns) {
                        ((com.fasterxml.jackson.databind.node.ArrayNode) linux.get("namespaces")).addObject()
                                .put("type", "cgroup");
                    }
                    linux.putObject("resources").putObject("pids").put("limit", 100);
                });
        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), id);
        assertEquals(0, run.status, run.toString());
        String own = ownCgroup("pids").replaceAll("/$", "") + "/" + id;
        String self = Files.readString(tmp.resolve("bundle/out/self")).trim();
        assertTrue(self.endsWith(":pids:" + (cgroupns ? "/" : own)), self);
        assertEquals(cgroupns ? "/" : own, Files.readString(tmp.resolve("bundle/out/root")).trim(),
                "the pids hierarchy's root in the container");
        assertTrue(Files.readAllLines(tmp.resolve("bundle/out/procs")).contains("1"),
                "its cgroup.procs lists the container's own processes, its pid 1 among them");
        List<String> v1;
        try (var host = Files.list(CGROUP)) {
            v1 = host.map(p -> p.getFileName().toString()).filter(n -> !n.equals("unified")).sorted().toList();
        }
        assertEquals(v1, Files.readAllLines(tmp.resolve("bundle/out/ls")), "the host's v1 hierarchies, no more");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aValueTheKernelRefusesFailsCreateNamingTheFieldAndLeavesNothing(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("exit 0", linux -> linux.putObject("resources").putObject("cpu").put("cpus", "64-65"));
        long socketsBefore = LeftBehind.sockets();
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), id);
        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("linux.resources.cpu.cpus"), create.err);
        for (String controller : List.of("memory", "pids", "cpu", "cpuset", "freezer", "devices")) {
            assertFalse(Files.exists(dir(controller, id)), "no " + controller + " cgroup is left");
        }
        assertFalse(Files.exists(CGROUP.resolve("unified").resolve(id)));
        assertFalse(Files.exists(root.resolve(id)), "no state is left");
        assertEquals(List.of(), LeftBehind.inits(), "no init is left");
        // The init was spawned before the limits failed: its thread and socket in the runtime go with it.
        waitFor(() -> !LeftBehind.threadNamed("init-" + id));
        assertEquals(socketsBefore, LeftBehind.sockets(), "no socket of the runtime's is left open");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void configsTheCgroupfsDriverCannotCarryOutAreRefusedBeforeAnythingIsMade(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("exit 0", linux -> linux.put("cgroupsPath", "system.slice:jrunc:" + id));
        var systemd = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), id);
        assertEquals(1, systemd.status, systemd.toString());
        assertTrue(systemd.err.contains("linux.cgroupsPath"), systemd.err);
        assertTrue(systemd.err.contains("--systemd-cgroup"), systemd.err);

        BusyboxBundle.in(tmp.resolve("bundle2")).shell("exit 0").edit(c -> ((ObjectNode) c.get("linux"))
                .putObject("resources").putObject("unified").put("memory.high", "100M")).write();
        var unified = jrunc(backend, "create", "--bundle", tmp.resolve("bundle2").toString(), id);
        assertEquals(1, unified.status, unified.toString());
        assertTrue(unified.err.contains("cannot use unified on cgroup v1"), unified.err);
        assertFalse(Files.exists(dir("memory", id)));
        assertFalse(Files.exists(root.resolve(id)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void killAllReachesEveryProcessOfTheCgroupInTheHostsPidNamespaceAndAFrozenOneIsPaused(String backend)
            throws Exception {
        Backends.assumeLoads(backend);
        bundle("sleep 61 & sleep 62 & echo up > /out/up; wait", linux -> {
            com.fasterxml.jackson.databind.node.ArrayNode kept = linux.putArray("namespaces");
            for (String ns : List.of("mount", "uts", "ipc", "network")) {
                kept.addObject().put("type", ns);
            }
        });
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), id);
        assertEquals(0, create.status, create.toString());
        try {
            assertEquals(0, jrunc(backend, "start", id).status);
            waitFor(() -> Files.exists(tmp.resolve("bundle/out/up")));
            Path procs = dir("pids", id).resolve("cgroup.procs");
            waitFor(() -> Files.readAllLines(procs).size() >= 3);

            Path freezer = dir("freezer", id).resolve("freezer.state");
            Files.writeString(freezer, "FROZEN");
            waitFor(() -> Files.readString(freezer).trim().equals("FROZEN"));
            assertEquals("paused", new ObjectMapper().readValue(jrunc(backend, "state", id).out, Map.class).get("status"));
            Files.writeString(freezer, "THAWED");
            assertEquals("running", new ObjectMapper().readValue(jrunc(backend, "state", id).out, Map.class).get("status"));

            var kill = jrunc(backend, "kill", "--all", id, "KILL");
            assertEquals(0, kill.status, kill.toString());
            waitFor(() -> Files.readAllLines(procs).isEmpty());
        } finally {
            jrunc(backend, "delete", "--force", id);
        }
        assertFalse(Files.exists(dir("pids", id)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aSmallPidsLimitStillRunsTheContainerAndHoldsItsProcesses(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // The init (one thread) is in the cgroup before it runs anything; the user's shell meets the limit itself.
        bundle("echo ran > /out/ran; for i in 1 2 3 4 5 6 7 8; do sleep 1 & done 2> /out/err; wait", linux ->
                linux.putObject("resources").putObject("pids").put("limit", 4));
        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), id);
        assertEquals("ran", Files.readString(tmp.resolve("bundle/out/ran")).trim(), run.toString());
        assertTrue(Files.readString(tmp.resolve("bundle/out/err")).contains("can't fork"),
                "the fifth process is refused");
        assertEquals(2, run.status, "busybox sh gives up when it cannot fork: " + run);
        assertFalse(Files.exists(dir("pids", id)));
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
