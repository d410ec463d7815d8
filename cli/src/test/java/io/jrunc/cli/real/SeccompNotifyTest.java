package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SCMP_ACT_NOTIFY with a seccomp agent, on real containers: the agent (src/test/c/seccomp-agent.c, written
 * against runc's protocol only) gets the container's process state and the notify fd over listenerPath, and its
 * answers are what the container's mkdir gets, with noNewPrivileges (the filter loaded late) and without.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SeccompNotifyTest extends RealContainers {
    private static final Path AGENT = Path.of("target/seccomp-agent").toAbsolutePath();

    @BeforeAll
    static void buildTheAgent() throws Exception {
        int built;
        try {
            built = new ProcessBuilder("gcc", "-O2", "-o", AGENT.toString(), "src/test/c/seccomp-agent.c")
                    .inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            built = -1;
        }
        Assumptions.assumeTrue(built == 0, "the test's seccomp agent is built with gcc");
    }

    /** Starts the agent on {@code socket}; it writes what it received to {@code received}. */
    private static Process agent(Path socket, Path received) throws Exception {
        Process p = new ProcessBuilder(AGENT.toString(), socket.toString(), received.toString())
                .redirectError(received.resolveSibling("agent.log").toFile()).start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("listening", out.readLine());
        return p;
    }

    /** mkdir and mkdirat go to the agent at {@code socket}, everything else is allowed. */
    private static void notifyMkdir(ObjectNode config, Path socket, boolean noNewPrivileges) {
        ((ObjectNode) config.get("process")).put("noNewPrivileges", noNewPrivileges);
        ObjectNode seccomp = ((ObjectNode) config.get("linux")).putObject("seccomp");
        seccomp.put("defaultAction", "SCMP_ACT_ALLOW");
        seccomp.put("listenerPath", socket.toString());
        seccomp.put("listenerMetadata", "bar");
        seccomp.putArray("architectures").add("SCMP_ARCH_X86_64").add("SCMP_ARCH_X86").add("SCMP_ARCH_X32");
        seccomp.putArray("syscalls").addObject().put("action", "SCMP_ACT_NOTIFY").putArray("names")
                .add("mkdir").add("mkdirat");
    }

    @ParameterizedTest
    @CsvSource({"ffm,true", "jna,true", "ffm,false", "jna,false"})
    void theAgentAnswersTheContainersMkdir_havingReceivedTheStateAndTheFdAsRuncSendsThem(String backend,
                                                                                      boolean noNewPrivileges)
            throws Exception {
        Backends.assumeLoads(backend);
        Path socket = tmp.resolve("agent.sock");
        Path received = tmp.resolve("received");
        Process agent = agent(socket, received);
        try {
            BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle"))
                    .shell("mkdir /tmp/denied 2> /out/mkdir; echo $? > /out/status; mkdir /out/x-allowed 2> /out/allowed-err"
                            + " && echo made > /out/allowed; ls /proc/self/fd > /out/fds; echo ran > /out/ran")
                    .edit(c -> notifyMkdir(c, socket, noNewPrivileges)).write();

            var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "sn1");

            assertEquals(0, run.status, run.toString());
            assertEquals("ran", b.output("ran"));
            assertTrue(b.output("mkdir").contains("No medium found"), "the agent's ENOMEDIUM: " + b.output("mkdir"));
            assertEquals("1", b.output("status"));
            assertTrue(Files.isDirectory(b.out.resolve("x-allowed")), () -> "the agent let this one go on (CONTINUE): "
                    + readQuietly(b.out.resolve("allowed-err")) + " " + readQuietly(tmp.resolve("agent.log")));
            assertEquals("0\n1\n2\n3", b.output("fds"), "no notify fd in the container (3 is ls's own)");
            String[] lines = Files.readString(received).split("\n");
            JsonNode state = new ObjectMapper().readTree(lines[0]);
            int pid = state.get("pid").asInt();
            assertTrue(pid > 0, lines[0]);
            assertEquals("[\"seccompFd\"]", state.get("fds").toString());
            assertEquals("bar", state.get("metadata").asText());
            assertEquals("sn1", state.get("state").get("id").asText());
            assertEquals(b.dir.toString(), state.get("state").get("bundle").asText());
            assertEquals(pid, state.get("state").get("pid").asInt());
            assertEquals("creating", state.get("state").get("status").asText());
            assertFalse(state.get("ociVersion").asText().isEmpty());
            assertEquals("fds=1", lines[1], "one fd came with the state");
            assertEquals("after=0", lines[2], "then the runtime closed the connection");
        } finally {
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String readQuietly(Path path) {
        try {
            return Files.readString(path);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** runc's words; nothing is left: no init, no state. */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void withNoAgentListeningCreateFailsInRuncsWordsAndLeavesNothing(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Path socket = tmp.resolve("nobody.sock");
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("echo ran > /out/ran")
                .edit(c -> notifyMkdir(c, socket, true)).write();

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "sn2");

        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("failed to connect with seccomp agent specified in the seccomp profile: dial unix "
                + socket + ": connect: no such file or directory"), create.err);
        assertEquals(java.util.List.of(), LeftBehind.inits(), "no init is left");
        assertFalse(Files.exists(root.resolve("sn2")));
        assertFalse(Files.exists(b.out.resolve("ran")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void notifyOnWriteOrWithoutAListenerIsRefusedNamingTheField(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("true")
                .edit(c -> {
                    notifyMkdir(c, tmp.resolve("a.sock"), false);
                    ObjectNode seccomp = (ObjectNode) c.get("linux").get("seccomp");
                    seccomp.remove("listenerPath");
                    seccomp.withArray("syscalls").addObject().put("action", "SCMP_ACT_NOTIFY").putArray("names")
                            .add("write");
                }).write();

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "sn3");

        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("SCMP_ACT_NOTIFY cannot be used for the write syscall"), create.err);
        assertTrue(create.err.contains("linux.seccomp.listenerPath"), create.err);
        assertFalse(Files.exists(root.resolve("sn3")));
    }
}
