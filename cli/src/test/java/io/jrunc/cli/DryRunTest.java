package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.SpecWriter;
import io.jrunc.domain.config.DefaultSpecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry run (docs/dry-run.md): {@code --backend fake create|run} prints the ordered init plan and the
 * calls a config causes, changes nothing on the host, needs no privilege, and refuses a bad config with
 * the very message and exit status a real run gives.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DryRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The backend a real run gets on this JDK. */
    private static final String REAL = java.lang.Runtime.version().feature() >= 22 ? "ffm" : "jna";

    @TempDir
    Path tmp;
    private Path bundle;
    private Path rootfs;
    private Path data;
    private Path stateRoot;

    @BeforeEach
    void bundleWithAShell() throws IOException {
        bundle = tmp.resolve("bundle");
        rootfs = bundle.resolve("rootfs");
        data = Files.createDirectories(tmp.resolve("data"));
        stateRoot = tmp.resolve("state");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.writeString(rootfs.resolve("bin/sh"), "");
        Files.setPosixFilePermissions(rootfs.resolve("bin/sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        writeConfig(config -> { });
    }

    /** runc's default config, minus what no backend carries out yet, running sh with a bind mount of data. */
    private void writeConfig(Consumer<ObjectNode> change) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(SpecWriter.write(DefaultSpecs.runc()));
        ObjectNode process = (ObjectNode) config.get("process");
        process.put("terminal", false);
        process.remove("capabilities");
        process.putArray("args").add("sh").add("-c").add("true");
        ((ObjectNode) config.get("linux")).remove("resources");
        config.put("hostname", "dry");
        ObjectNode bind = ((ArrayNode) config.get("mounts")).addObject();
        bind.put("destination", "/data").put("type", "bind").put("source", data.toString());
        bind.putArray("options").add("rbind").add("ro");
        change.accept(config);
        Files.writeString(bundle.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    }

    private Cli jrunc(String backend, String... args) {
        List<String> all = new ArrayList<>(List.of("--backend", backend, "--root", stateRoot.toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(new String[0]));
    }

    private List<String> bundleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.map(Path::toString).sorted().collect(Collectors.toList());
        }
    }

    /** Every one of {@code expected} appears in {@code text}, each after the one before it. */
    private static void assertInOrder(String text, String... expected) {
        int from = 0;
        for (String e : expected) {
            int at = text.indexOf(e, from);
            assertTrue(at >= 0, "missing, or out of order: " + e + "\nin:\n" + text);
            from = at + e.length();
        }
    }

    @Test
    void createPrintsThePlanInOrderAndTheCallsItCauses_andChangesNothingOnTheHost() throws IOException {
        List<String> before = bundleFiles();

        Cli cli = jrunc("fake", "create", "--bundle", bundle.toString(), "dry1");

        assertEquals(0, cli.status, cli.toString());
        assertTrue(cli.out.startsWith("dry run on the fake backend: nothing on this host was changed\ninit plan:\n"), cli.out);
        assertInOrder(cli.out, "configure network", "apply rlimits", "prepare rootfs", "set hostname",
                "remount readonly", "mask paths", "set no new privileges", "switch user", "find program",
                "await start", "exec process", "calls:");
        String r = rootfs.toString();
        assertInOrder(cli.out.substring(cli.out.indexOf("calls:")),
                "mkfifo(\"/run/jrunc/dry1/exec.fifo\", 0622)",
                "posix_spawn(",
                "prlimit(1000, RLIMIT_NOFILE, {cur=1024, max=1024})",
                "ioctl(\"lo\", SIOCSIFFLAGS, IFF_UP)",
                "mount(src=, dst=/, flags=MS_REC|MS_SLAVE)",
                "mount(src=" + r + ", dst=" + r + ", type=bind, flags=MS_BIND|MS_REC)",
                "mount(src=proc, dst=" + r + "/proc, type=proc, flags=0)",
                "mount(src=" + data + ", dst=" + r + "/data, type=bind, flags=MS_BIND|MS_REC)",
                "mknod(\"" + r + "/dev/null\", S_IFCHR|0666, makedev(1, 3))",
                "symlink(\"/proc/self/fd\", \"" + r + "/dev/fd\")",
                "pivot_root(\".\", \".\")",
                "umount2(\".\", MNT_DETACH)",
                "sethostname(\"dry\")",
                "prctl(PR_SET_NO_NEW_PRIVS, 1)",
                "setresuid(0, 0, 0)",
                "status=created");
        assertEquals(before, bundleFiles(), "the dry run made or removed files on the host");
        assertFalse(Files.exists(stateRoot), "the dry run wrote under --root");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(tmp.toString()));
    }

    /**
     * An id-mapped bind: the user namespace of its mapping made before the init is spawned (a process whose maps
     * are written, its namespace opened, then killed), the three calls of the bind, and the fd closed at the end.
     */
    @Test
    void anIdMappedBindShowsItsMappingProcessAndItsThreeCalls() throws IOException {
        writeConfig(config -> {
            ObjectNode linux = (ObjectNode) config.get("linux");
            ((ArrayNode) linux.get("namespaces")).addObject().put("type", "user");
            for (String map : List.of("uidMappings", "gidMappings")) {
                linux.putArray(map).addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
            }
            ObjectNode bind = ((ArrayNode) config.get("mounts")).addObject();
            bind.put("destination", "/mapped").put("type", "bind").put("source", data.toString());
            bind.putArray("options").add("rbind").add("ridmap");
            for (String map : List.of("uidMappings", "gidMappings")) {
                bind.putArray(map).addObject().put("containerID", 0).put("hostID", 200000).put("size", 1000);
            }
        });

        Cli cli = jrunc("fake", "create", "--bundle", bundle.toString(), "dry-idmap");

        assertEquals(0, cli.status, cli.toString());
        String calls = cli.out.substring(cli.out.indexOf("calls:"));
        String r = rootfs.toString();
        assertInOrder(calls,
                "posix_spawn(",
                "uid_map\", \"0 200000 1000\\n\")",
                "gid_map\", \"0 200000 1000\\n\")",
                "/ns/user\", O_RDONLY|O_CLOEXEC)",
                "kill(",
                "posix_spawn(",
                "mount_setattr(open_tree(\"" + data + "\", OPEN_TREE_CLONE|AT_RECURSIVE), AT_RECURSIVE,"
                        + " MOUNT_ATTR_IDMAP, userns_fd=",
                "move_mount onto \"" + r + "/mapped\")",
                "pivot_root(",
                "status=created");
    }

    /** Without a mount namespace the container shares its caller's: no mount and no pivot_root there, a chroot. */
    /** The process and platform fields of runtime-spec 1.2/1.3: each step in runc's place, each call under it. */
    @Test
    void thePlatformFieldsShowTheirStepsAndCalls() throws IOException {
        writeConfig(config -> {
            ObjectNode process = (ObjectNode) config.get("process");
            process.putObject("ioPriority").put("class", "IOPRIO_CLASS_BE").put("priority", 6);
            process.putObject("scheduler").put("policy", "SCHED_BATCH").put("nice", 5);
            process.putObject("execCPUAffinity").put("initial", "0").put("final", "0");
            ObjectNode linux = (ObjectNode) config.get("linux");
            linux.putObject("personality").put("domain", "LINUX32");
            linux.putObject("memoryPolicy").put("mode", "MPOL_INTERLEAVE").put("nodes", "0");
            ((ArrayNode) linux.get("namespaces")).addObject().put("type", "time");
            linux.putObject("timeOffsets").putObject("monotonic").put("secs", 10).put("nanosecs", 5);
        });

        Cli cli = jrunc("fake", "create", "--bundle", bundle.toString(), "dry3");

        assertEquals(0, cli.status, cli.toString());
        assertInOrder(cli.out, "set initial cpu affinity", "prepare rootfs", "set no new privileges",
                "set memory policy", "set scheduler", "set io priority", "switch user", "find program",
                "set personality", "set final cpu affinity", "await start", "calls:");
        assertInOrder(cli.out.substring(cli.out.indexOf("calls:")),
                "write(\"/proc/self/timens_offsets\", \"monotonic 10 5\\n\")", "posix_spawn(",
                "sched_setaffinity(0, cpus [0])", "pivot_root", "prctl(PR_SET_NO_NEW_PRIVS, 1)",
                "set_mempolicy(0x3, nodes [0])", "sched_setattr(0, {policy=3, flags=0x0, nice=5,",
                "ioprio_set(IOPRIO_WHO_PROCESS, 0, class 2 level 6)", "setresuid(", "personality(0x8)",
                "sched_setaffinity(0, cpus [0])");
    }

    /** With a user namespace the init makes the time namespace, and the runtime writes its offsets for it. */
    @Test
    void timeOffsetsWithAUserNamespaceAreWrittenForTheInitAfterItsMaps() throws IOException {
        writeConfig(config -> {
            ObjectNode linux = (ObjectNode) config.get("linux");
            ArrayNode namespaces = (ArrayNode) linux.get("namespaces");
            namespaces.addObject().put("type", "time");
            namespaces.addObject().put("type", "user");
            linux.putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 1000);
            linux.putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 1000);
            linux.putObject("timeOffsets").putObject("boottime").put("secs", 10).put("nanosecs", 5);
        });

        Cli cli = jrunc("fake", "create", "--bundle", bundle.toString(), "dry-ut");

        assertEquals(0, cli.status, cli.toString());
        String calls = cli.out.substring(cli.out.indexOf("calls:"));
        assertInOrder(calls, "posix_spawn(", "CLONE_NEWUSER", "CLONE_NEWTIME", "write(\"/proc/",
                "/uid_map\", \"0 100000 1000\\n\")", "/gid_map\"",
                "/timens_offsets\", \"boottime 10 5\\n\")", "pivot_root");
        assertFalse(calls.contains("/proc/self/timens_offsets"), "not the runtime thread's own: " + calls);
    }

    @Test
    void withoutAMountNamespaceTheInitChrootsAndMountsNothing() throws IOException {
        writeConfig(config -> {
            ObjectNode linux = (ObjectNode) config.get("linux");
            ArrayNode namespaces = linux.putArray("namespaces");
            namespaces.addObject().put("type", "pid");
            namespaces.addObject().put("type", "uts");
            linux.remove("maskedPaths");
            linux.remove("readonlyPaths");
            config.putArray("mounts");
            ((ObjectNode) config.get("root")).put("readonly", false);
        });

        Cli cli = jrunc("fake", "create", "--bundle", bundle.toString(), "dry4");

        assertEquals(0, cli.status, cli.toString());
        String calls = cli.out.substring(cli.out.indexOf("calls:"));
        assertInOrder(calls, "chdir(\"" + rootfs + "\")", "chroot(\".\")", "chdir(\"/\")", "sethostname(\"dry\")");
        assertFalse(calls.contains("mount("), calls);
        assertFalse(calls.contains("pivot_root"), calls);
        assertFalse(calls.contains("mknod("), calls);
    }

    @Test
    void runCarriesOnToTheExecOfTheProcess() {
        Cli cli = jrunc("fake", "run", "--bundle", bundle.toString(), "dry2");

        assertEquals(0, cli.status, cli.toString());
        // the init's thread and run's own go on side by side from start on: these two come in either order
        assertInOrder(cli.out, "init plan:", "calls:", "pivot_root(\".\", \".\")", "status=running");
        assertInOrder(cli.out, "pivot_root(\".\", \".\")", "execve(\"/bin/sh\", [\"sh\", \"-c\", \"true\"]");
        assertFalse(Files.exists(stateRoot));
    }

    /** Each hook shows in the plan and as a posix_spawn in the calls, where runc runs it. */
    @Test
    void hooksShowInThePlanAndRunWhereRuncRunsThem() throws IOException {
        writeConfig(config -> {
            ObjectNode hooks = config.putObject("hooks");
            for (String point : List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart",
                    "poststop")) {
                hooks.putArray(point).addObject().put("path", "/hooks/" + point).putArray("args").add(point);
            }
        });

        Cli cli = jrunc("fake", "run", "--bundle", bundle.toString(), "dry4");

        assertEquals(0, cli.status, cli.toString());
        assertInOrder(cli.out, "init plan:", "prepare rootfs", "run prestart hooks", "run createRuntime hooks",
                "run createContainer hooks", "switch root", "await start", "run startContainer hooks", "exec process");
        assertInOrder(cli.out, "calls:", "mknod(", "posix_spawn(\"/hooks/prestart\", [\"prestart\"]",
                "cwd=\"" + bundle + "\", stdin=\"{\\\"ociVersion\\\"", "posix_spawn(\"/hooks/createRuntime\"",
                "posix_spawn(\"/hooks/createContainer\", [\"createContainer\"], env=[\"PATH=", "\\\"status\\\":\\\"creating\\\",\\\"pid\\\":1,",
                "pivot_root(\".\", \".\")", "posix_spawn(\"/hooks/startContainer\"", "\\\"status\\\":\\\"created\\\"",
                "execve(\"/bin/sh\"");
        assertInOrder(cli.out, "status=running", "posix_spawn(\"/hooks/poststart\"", "\\\"status\\\":\\\"running\\\"");
        assertFalse(Files.exists(stateRoot));
    }

    /** Root gives up every capability for good (no bounding set, no new privileges) before the JVM starts. */
    @Test
    void needsNoPrivilege() throws Exception {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
            command.addAll(List.of("/usr/bin/setpriv", "--bounding-set=-all", "--inh-caps=-all", "--no-new-privs"));
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--backend", "fake", "--root", stateRoot.toString(), "create", "--bundle", bundle.toString(), "dry3"));
        Process jrunc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(jrunc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, jrunc.waitFor(), out);
        assertInOrder(out, "init plan:", "calls:", "mount(src=proc", "pivot_root", "sethostname(\"dry\")");
        assertFalse(Files.exists(stateRoot));
    }

    @Test
    void aBadConfigFailsWithTheMessagesAndStatusOfARealRun_beforeAnythingIsMade() throws IOException {
        writeConfig(config -> {
            ((ObjectNode) config.get("process")).putArray("rlimits").addObject()
                    .put("type", "RLIMIT_FOO").put("soft", 1).put("hard", 1);
            ((ArrayNode) config.get("mounts")).addObject().put("destination", "relative/dir").put("type", "tmpfs");
        });

        Cli dry = jrunc("fake", "create", "--bundle", bundle.toString(), "bad");
        Cli real = jrunc(REAL, "create", "--bundle", bundle.toString(), "bad");

        assertEquals(1, dry.status, dry.toString());
        assertEquals(real.status, dry.status);
        assertEquals(withoutTimes(real.err), withoutTimes(dry.err));
        assertInOrder(dry.err, "process.rlimits[0].type: unknown rlimit \\\"RLIMIT_FOO\\\"",
                "mounts[", "].destination: must be an absolute path, got \\\"relative/dir\\\"");
        assertEquals("", dry.out, "no plan is printed for a config that is refused");
        assertFalse(Files.exists(stateRoot.resolve("bad")));
    }

    @Test
    void whatTheRealBackendsRefuseIsShown_thenRefusedWithTheRealRunsMessage() throws IOException {
        // runc's recursive mount options are not carried out yet (mount_setattr with AT_RECURSIVE).
        writeConfig(config -> {
            ObjectNode volume = ((ArrayNode) config.get("mounts")).addObject();
            volume.put("destination", "/volume").put("type", "bind").put("source", bundle.toString());
            volume.putArray("options").add("rbind").add("rro");
        });

        Cli dry = jrunc("fake", "create", "--bundle", bundle.toString(), "--pid-file", tmp.resolve("pid").toString(), "rro");
        Cli real = jrunc(REAL, "create", "--bundle", bundle.toString(), "rro");

        assertEquals(1, dry.status, dry.toString());
        assertEquals(real.status, dry.status, real.toString());
        assertEquals(withoutTimes(real.err), withoutTimes(dry.err));
        String refused = "mounts[" + (DefaultSpecs.runc().mounts().size() + 1) + "].options (rro)";
        assertTrue(dry.err.contains("not supported yet: " + refused), dry.err);
        assertInOrder(dry.out, "init plan:", "calls:", "pivot_root", "not carried out yet by the real backends: " + refused);
        assertFalse(Files.exists(tmp.resolve("pid")), "the dry run wrote a pid file");
    }

    /**
     * A terminal: the console socket connected by the runtime, then the init's pty after the switch of root. The fake
     * listens where the host has a socket file, as an engine's listening socket is.
     */
    @Test
    void aTerminalShowsTheConsoleSocketAndThePtyAfterTheSwitchOfRoot() throws IOException {
        writeConfig(config -> {
            ObjectNode process = (ObjectNode) config.get("process");
            process.put("terminal", true);
            process.putObject("consoleSize").put("height", 30).put("width", 90);
        });
        Path socket = tmp.resolve("tty.sock");
        try (var engine = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            engine.bind(java.net.UnixDomainSocketAddress.of(socket));

            Cli dry = jrunc("fake", "create", "--bundle", bundle.toString(), "--console-socket", socket.toString(),
                    "tty");

            assertEquals(0, dry.status, dry.toString());
            assertInOrder(dry.out, "init plan:", "prepare rootfs", "setup console", "calls:",
                    "connect(AF_UNIX, \"" + socket + "\")", "pivot_root", "open(\"/dev/ptmx\"",
                    "TIOCGPTPEER", "TIOCSWINSZ, {ws_row=30, ws_col=90}", "/dev/console", "sendmsg(", "\"/dev/ptmx\"");
        }
    }

    /** No socket where --console-socket points: the dry run fails as the real create does, in runc's words. */
    @Test
    void aConsoleSocketWithNothingThereFailsAsTheRealCreateFails() throws IOException {
        writeConfig(config -> ((ObjectNode) config.get("process")).put("terminal", true));
        String missing = tmp.resolve("missing.sock").toString();
        Files.writeString(tmp.resolve("plain"), "x");

        Cli dry = jrunc("fake", "create", "--bundle", bundle.toString(), "--console-socket", missing, "tty");
        Cli real = jrunc(REAL, "create", "--bundle", bundle.toString(), "--console-socket", missing, "tty");
        Cli plain = jrunc("fake", "create", "--bundle", bundle.toString(), "--console-socket",
                tmp.resolve("plain").toString(), "tty");

        assertEquals(1, dry.status, dry.toString());
        assertEquals(real.status, dry.status, real.toString());
        assertEquals(withoutTimes(real.err), withoutTimes(dry.err));
        assertTrue(dry.err.contains("dial unix " + missing + ": connect: no such file or directory"), dry.err);
        assertTrue(plain.err.contains(": connect: connection refused"), plain.err);
    }

    /** A foreground run takes the terminal itself: a socket pair stands for the console socket. */
    @Test
    void aForegroundRunWithATerminalReceivesTheMasterOverASocketPairOfItsOwn() throws IOException {
        writeConfig(config -> ((ObjectNode) config.get("process")).put("terminal", true));

        Cli dry = jrunc("fake", "run", "--bundle", bundle.toString(), "fg");

        assertEquals(0, dry.status, dry.toString());
        assertInOrder(dry.out, "setup console", "calls:", "socketpair(", "pivot_root", "open(\"/dev/ptmx\"",
                "sendmsg(", "recvmsg(");
    }

    @Test
    void aDetachedTerminalWithoutAConsoleSocketIsRefusedAsRuncRefusesIt() throws IOException {
        writeConfig(config -> ((ObjectNode) config.get("process")).put("terminal", true));

        Cli dry = jrunc("fake", "create", "--bundle", bundle.toString(), "tty");
        Cli real = jrunc(REAL, "create", "--bundle", bundle.toString(), "tty");

        assertEquals(1, dry.status, dry.toString());
        assertTrue(dry.err.contains("jrunc create failed: cannot allocate tty if runc will detach without setting"
                + " console socket"), dry.err);
        assertEquals(withoutTimes(real.err), withoutTimes(dry.err));
        assertEquals("", dry.out, "refused before anything is planned");
    }

    /** A program missing from the rootfs is found out by the init: the real run needs root to get there. */
    @Test
    @Tag("root")
    void aProgramMissingFromTheRootfsFailsAsOnARealRun() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        writeConfig(config -> ((ObjectNode) config.get("process")).putArray("args").add("nosuch"));

        Cli dry = jrunc("fake", "create", "--bundle", bundle.toString(), "np");
        Cli real = jrunc(REAL, "create", "--bundle", bundle.toString(), "np");

        assertEquals(1, dry.status, dry.toString());
        assertEquals(real.status, dry.status, real.toString());
        assertEquals(withoutTimes(real.err), withoutTimes(dry.err));
        assertTrue(dry.err.contains("exec: \\\"nosuch\\\": executable file not found in $PATH"), dry.err);
        assertFalse(Files.exists(stateRoot.resolve("np")), "the failed real create left its state");
    }

    private static String withoutTimes(String log) {
        return log.replaceAll("time=\"[^\"]*\" ", "");
    }
}
