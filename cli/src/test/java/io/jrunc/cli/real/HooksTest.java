package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The six OCI hooks on a real container: where each runs (its namespaces against the runtime's and the
 * container's), what it is told (the state on its stdin, its argv, env and cwd), which fds it gets, their order,
 * and what a failing, killed or timed-out one does to the command (runc 1.1.5's behaviour, checked by hand).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HooksTest extends RealContainers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMESPACES = List.of("mnt", "pid", "net", "uts", "ipc");

    /**
     * A host hook that records what it sees under DIR/NAME.*: it is /bin/sh itself with the script as -c, so it
     * holds no fd of its own beyond what it was given. Its children look at /proc/self (ls, readlink: what the hook
     * handed them), since a createContainer hook sees the host's /proc, where its own pid names another process.
     */
    private static ObjectNode recorder(ArrayNode list, String dir, String name) {
        String script = "d=" + dir + "; echo $1 >> $d/order; cat > $d/$1.stdin; echo \"$0 $*\" > $d/$1.argv;"
                + " env > $d/$1.env; pwd > $d/$1.cwd; ls /proc/self/fd > $d/$1.fds;"
                + " for n in " + String.join(" ", NAMESPACES) + "; do readlink /proc/self/ns/$n; done > $d/$1.ns";
        ObjectNode hook = list.addObject();
        hook.put("path", "/bin/sh");
        hook.putArray("args").add("sh").add("-c").add(script).add("hook-argv0").add(name).add("extra");
        return hook;
    }

    private static ArrayNode list(ObjectNode config, String point) {
        ObjectNode hooks = config.has("hooks") ? (ObjectNode) config.get("hooks") : config.putObject("hooks");
        return hooks.has(point) ? (ArrayNode) hooks.get(point) : hooks.putArray(point);
    }

    private static Set<String> lines(Path file) throws Exception {
        return new HashSet<>(Files.readAllLines(file));
    }

    private static Set<String> ownNamespaces(String pid) throws Exception {
        Set<String> links = new HashSet<>();
        for (String n : NAMESPACES) {
            links.add(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + n)).toString());
        }
        return links;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void everyHookRunsWhereAndWhenTheSpecSaysAndIsToldTheState(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("echo process > /out/process");
        String out = b.out.toString();
        b.config.putObject("annotations").put("org.example/hooked", "yes");
        recorder(list(b.config, "prestart"), out, "prestart");
        recorder(list(b.config, "createRuntime"), out, "createRuntime").putArray("env").add("HOOKVAR=1");
        recorder(list(b.config, "createContainer"), out, "createContainer");
        // A container path, run by the init as the container's process: busybox's sh, writing to the bind mount.
        ObjectNode start = list(b.config, "startContainer").addObject();
        start.put("path", "/bin/sh");
        start.putArray("args").add("sh").add("-c").add("d=/out; echo $1 >> $d/order; cat > $d/$1.stdin;"
                + " env > $d/$1.env; ls /proc/self/fd > $d/$1.fds;"
                + " for n in " + String.join(" ", NAMESPACES) + "; do readlink /proc/self/ns/$n; done > $d/$1.ns")
                .add("sh").add("startContainer");
        recorder(list(b.config, "poststart"), out, "poststart");
        recorder(list(b.config, "poststop"), out, "poststop");
        b.write();

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "hk1");
        assertEquals(0, create.status, create.toString());
        JsonNode state = JSON.readTree(jrunc(backend, "state", "hk1").out);
        String pid = state.get("pid").asText();
        Set<String> container = ownNamespaces(pid);
        assertEquals("prestart\ncreateRuntime\ncreateContainer", Files.readString(b.out.resolve("order")).trim());
        var started = jrunc(backend, "start", "hk1");
        assertEquals(0, started.status, started.toString());
        waitFor(() -> Files.exists(b.out.resolve("process")));
        waitFor(() -> "stopped".equals(JSON.readTree(jrunc(backend, "state", "hk1").out).get("status").asText()));
        var deleted = jrunc(backend, "delete", "hk1");
        assertEquals(0, deleted.status, deleted.toString());

        assertEquals("prestart\ncreateRuntime\ncreateContainer\nstartContainer\npoststart\npoststop",
                Files.readString(b.out.resolve("order")).trim());
        // Where: the runtime's namespaces (this JVM runs the CLI) for the runtime's hooks, the container's (read
        // from its init while it lived) for the other two.
        Set<String> runtime = ownNamespaces("self");
        for (String name : List.of("prestart", "createRuntime", "poststart", "poststop")) {
            assertEquals(runtime, lines(b.out.resolve(name + ".ns")), name + " runs in the runtime's namespaces");
        }
        assertTrue(java.util.Collections.disjoint(runtime, container), container.toString());
        for (String name : List.of("createContainer", "startContainer")) {
            assertEquals(container, lines(b.out.resolve(name + ".ns")), name + " runs in the container's namespaces");
        }
        // What: runc's state, its status at each point, the pid as the hook's pid namespace sees the init.
        expectState(b, "prestart", "creating", Integer.parseInt(pid));
        expectState(b, "createRuntime", "creating", Integer.parseInt(pid));
        expectState(b, "createContainer", "creating", 1);
        expectState(b, "startContainer", "created", 1);
        expectState(b, "poststart", "running", Integer.parseInt(pid));
        expectState(b, "poststop", "stopped", 0);
        assertEquals("hook-argv0 createRuntime extra", b.output("createRuntime.argv"));
        // Env: the hook's own; else the runtime's for a host hook, the process's for one in the container.
        Set<String> hookEnv = lines(b.out.resolve("createRuntime.env"));
        assertTrue(hookEnv.contains("HOOKVAR=1") && hookEnv.stream().noneMatch(l -> l.startsWith("PATH=")), hookEnv.toString());
        assertTrue(lines(b.out.resolve("prestart.env")).contains("PATH=" + System.getenv("PATH")));
        Set<String> processEnv = new HashSet<>();
        b.config.get("process").get("env").forEach(e -> processEnv.add(e.asText()));
        for (String name : List.of("createContainer", "startContainer")) {
            Set<String> env = lines(b.out.resolve(name + ".env")).stream()
                    .filter(l -> !l.startsWith("PWD=") && !l.startsWith("SHLVL=") && !l.startsWith("HOME="))
                    .collect(Collectors.toSet());
            assertTrue(processEnv.containsAll(env), name + " got " + env + ", the process has " + processEnv);
        }
        // Cwd: the bundle, as runc create's; the rootfs for createContainer, as runc's init.
        assertEquals(b.dir.toString(), b.output("createRuntime.cwd"));
        assertEquals(b.dir.toString(), b.output("poststart.cwd"));
        assertEquals(b.rootfs.toString(), b.output("createContainer.cwd"));
        // Fds: stdin, stdout, stderr and nothing of the runtime's (3 is the directory ls reads).
        for (String name : List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop")) {
            assertEquals(Set.of("0", "1", "2", "3"), lines(b.out.resolve(name + ".fds")), name + "'s fds");
        }
    }

    private static void expectState(BusyboxBundle b, String name, String status, int pid) throws Exception {
        JsonNode s = JSON.readTree(b.out.resolve(name + ".stdin").toFile());
        assertEquals("hk1", s.get("id").asText(), name);
        assertEquals(status, s.get("status").asText(), name);
        assertEquals(pid, s.path("pid").asInt(0), name);
        assertFalse(pid == 0 && s.has("pid"), name + ": runc leaves out a pid of 0");
        assertEquals(b.dir.toString(), s.get("bundle").asText(), name);
        assertEquals("yes", s.get("annotations").get("org.example/hooked").asText(), name);
        assertTrue(s.get("ociVersion").asText().startsWith("1."), name);
    }

    /** A hook of {@code point} that writes "out" and "err" and fails as {@code script} says. */
    private BusyboxBundle failing(String point, String script, Integer timeout) throws Exception {
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("echo ran > /out/ran");
        ArrayNode list = list(b.config, point);
        list.addObject().put("path", "/bin/true");
        ObjectNode hook = list.addObject();
        hook.put("path", "/bin/sh");
        hook.putArray("args").add("sh").add("-c").add(script);
        if (timeout != null) {
            hook.put("timeout", timeout);
        }
        // What prestart hooks set up, poststop hooks take down: runc runs them on a failed create too.
        if (!point.equals("poststop")) {
            ObjectNode cleanup = list(b.config, "poststop").addObject();
            cleanup.put("path", "/bin/sh");
            cleanup.putArray("args").add("sh").add("-c").add("cat > " + b.out + "/poststop");
        }
        return b.write();
    }

    private void nothingLeft(String id) throws Exception {
        assertFalse(Files.exists(root.resolve(id)), "no state");
        assertEquals(List.of(), LeftBehind.inits(), "no init");
        assertEquals(List.of(), LeftBehind.cgroups(id), "no cgroup");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(tmp.toString()), "no mount");
    }

    @ParameterizedTest
    @CsvSource({"ffm,prestart", "ffm,createRuntime", "ffm,createContainer", "jna,prestart", "jna,createRuntime",
        "jna,createContainer"})
    void aFailingCreateHookFailsTheCreateAndLeavesNothingBehind(String backend, String point) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = failing(point, "echo out; echo err >&2; exit 3", null);

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "hk2");

        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("error running hook #1: error running hook: exit status 3, stdout: out\\n,"
                + " stderr: err\\n"), create.err);
        nothingLeft("hk2");
        assertTrue(b.output("poststop").contains("\"status\":\"stopped\""), "poststop hooks ran after the failure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aHookKilledByASignalFailsTheCreate(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = failing("createRuntime", "kill -9 $$", null);

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "hk3");

        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("error running hook #1: error running hook: signal: killed, stdout: , stderr: "),
                create.err);
        nothingLeft("hk3");
    }

    @ParameterizedTest
    @CsvSource({"ffm,createRuntime", "ffm,createContainer", "jna,prestart", "jna,createContainer"})
    void aHookPastItsTimeoutIsKilledAndFailsTheCreate(String backend, String point) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = failing(point, "echo $$ > " + tmp + "/sleeper; exec sleep 10", 1);
        long begun = System.nanoTime();

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "hk4");

        assertEquals(1, create.status, create.toString());
        assertTrue(System.nanoTime() - begun < java.time.Duration.ofSeconds(8).toNanos(), "not waited for");
        assertTrue(create.err.contains("error running hook #1: hook ran past specified timeout of 1.0s"), create.err);
        nothingLeft("hk4");
        String sleeper = Files.readString(tmp.resolve("sleeper")).trim();
        assertFalse(Files.exists(Path.of("/proc/" + sleeper + "/cmdline"))
                && Files.readString(Path.of("/proc/" + sleeper + "/cmdline")).startsWith("sleep"), "the hook was killed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aHookThatCannotStartFailsWithGosWords(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("true");
        list(b.config, "createRuntime").addObject().put("path", "/nonexistent/hook");
        b.write();

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "hk5");

        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("error running hook #0: fork/exec /nonexistent/hook: no such file or directory"),
                create.err);
        nothingLeft("hk5");
    }

    @ParameterizedTest
    @CsvSource({"ffm,exit 3,error running hook #0: error running hook: exit status 3, stdout: out", "jna,sleep 10,"
            + "error running hook #0: hook ran past specified timeout of 1.0s"})
    void aFailingStartContainerHookEndsTheInitInsteadOfTheProgram(String backend, String end, String words)
            throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("echo ran > /out/ran");
        ObjectNode hook = list(b.config, "startContainer").addObject();
        hook.put("path", "/bin/sh").put("timeout", 1);
        // The init's stderr is this JVM's: the hook's own copy of the init's words goes to /out for the test.
        hook.putArray("args").add("sh").add("-c").add("echo out; " + end);
        b.write();

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "hk6");
        assertEquals(0, create.status, create.toString());
        var start = jrunc(backend, "start", "hk6");

        assertEquals(0, start.status, "runc's start has already returned when the init runs them: " + start);
        waitFor(() -> "stopped".equals(JSON.readTree(jrunc(backend, "state", "hk6").out).get("status").asText()));
        assertFalse(Files.exists(b.out.resolve("ran")), "the program never ran");
        assertTrue(words.startsWith("error running hook #0"));
        assertEquals(0, jrunc(backend, "delete", "hk6").status);
        nothingLeft("hk6");
    }

    /** The spec's: start returns, and poststart hooks run, once the program is executed, after startContainer's. */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void startReturnsOnceTheStartContainerHooksAreDone(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("true");
        ObjectNode hook = list(b.config, "startContainer").addObject();
        hook.put("path", "/bin/sh");
        hook.putArray("args").add("sh").add("-c").add("sleep 1; echo done > /out/startContainer");
        b.write();
        assertEquals(0, jrunc(backend, "create", "--bundle", b.dir.toString(), "hk11").status);

        var start = jrunc(backend, "start", "hk11");

        assertEquals(0, start.status, start.toString());
        assertTrue(Files.exists(b.out.resolve("startContainer")), "start waited for the hook");
        waitFor(() -> "stopped".equals(JSON.readTree(jrunc(backend, "state", "hk11").out).get("status").asText()));
        assertEquals(0, jrunc(backend, "delete", "hk11").status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aFailingPoststartHookFailsStartAndStopsTheContainerAsRuncDoes(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("sleep 30");
        ObjectNode hook = list(b.config, "poststart").addObject();
        hook.put("path", "/bin/sh");
        hook.putArray("args").add("sh").add("-c").add("echo out; exit 4");
        b.write();
        assertEquals(0, jrunc(backend, "create", "--bundle", b.dir.toString(), "hk7").status);

        var start = jrunc(backend, "start", "hk7");

        assertEquals(1, start.status, start.toString());
        assertTrue(start.err.contains("error running hook #0: error running hook: exit status 4, stdout: out\\n"), start.err);
        assertEquals("stopped", JSON.readTree(jrunc(backend, "state", "hk7").out).get("status").asText());
        assertEquals(0, jrunc(backend, "delete", "hk7").status);
        nothingLeft("hk7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aFailingPoststopHookIsLoggedAndDeleteStillSucceeds(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = failing("poststop", "echo out; exit 5", null);
        // A hook after the failing one does not run, as runc's Hooks.Run stops at the first failure.
        ObjectNode after = list(b.config, "poststop").addObject();
        after.put("path", "/bin/sh");
        after.putArray("args").add("sh").add("-c").add("touch " + b.out + "/after");
        b.write();
        assertEquals(0, jrunc(backend, "run", "--bundle", b.dir.toString(), "hk8").status);
        assertFalse(Files.exists(root.resolve("hk8")));
        // run deleted it already; a created one, deleted on its own, says it:
        assertEquals(0, jrunc(backend, "create", "--bundle", b.dir.toString(), "hk9").status);

        var delete = jrunc(backend, "delete", "hk9");

        assertEquals(0, delete.status, delete.toString());
        assertTrue(delete.err.contains("level=error msg=\"error running hook #1: error running hook: exit status 5,"
                + " stdout: out\\n, stderr: \""), delete.err);
        assertFalse(Files.exists(b.out.resolve("after")));
        nothingLeft("hk9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aDockerStylePrestartHookUnderProcPidExeRuns(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // dockerd names itself: {"path": "/proc/<its pid>/exe", "args": ["libnetwork-setkey", …]}; here a shell
        // of ours stands in for it.
        Process daemon = new ProcessBuilder("/bin/sh", "-c", "sleep 60").start();
        try {
            BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("true");
            ObjectNode hook = list(b.config, "prestart").addObject();
            hook.put("path", "/proc/" + daemon.pid() + "/exe");
            hook.putArray("args").add("libnetwork-setkey").add("-c").add("cat > " + b.out + "/setkey");
            b.write();

            var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "hk10");

            assertEquals(0, run.status, run.toString());
            assertTrue(b.output("setkey").contains("\"id\":\"hk10\""), b.output("setkey"));
        } finally {
            daemon.destroyForcibly().waitFor();
        }
    }
}
