package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `jrunc exec --tty` on real containers, both backends, in the two shapes the engines use: detached with a console
 * socket (conmon's `exec --detach --tty --console-socket`, the containerd shim's `exec --process` with
 * process.terminal), the master taken by a receiver of our own; and a foreground `exec -t` that relays the pty
 * itself, run through script(1). The container itself has no terminal: its /dev/console must stay as it was.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecTerminalTest extends RealContainers {
    /** What the exec reports about its terminal, one line each. */
    private static final String PROBE = "tty; stty size; echo console=$(stat -c %t:%T /dev/console 2>/dev/null"
            + " || echo none); echo in=$(stat -L -c %t:%T /proc/$$/fd/0) out=$(stat -L -c %t:%T /proc/$$/fd/1)"
            + " err=$(stat -L -c %t:%T /proc/$$/fd/2); echo fds $(ls /proc/self/fd);"
            + " echo ctty=$(cut -d' ' -f7 /proc/self/stat); echo owner=$(stat -L -c %u /proc/self/fd/0); exit 5";

    private final List<String> started = new ArrayList<>();
    private String backend;

    /** A detached container running sleep, without a terminal of its own, its process sized 33x101. */
    private BusyboxBundle running(String backend, String id) throws Exception {
        this.backend = backend;
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle-" + id)).edit(c -> {
            ObjectNode process = (ObjectNode) c.get("process");
            process.putArray("args").add("sleep").add("1000");
            process.putObject("consoleSize").put("height", 33).put("width", 101);
        }).write();
        var run = jrunc(backend, "run", "--detach", "--bundle", b.dir.toString(), id);
        assertEquals(0, run.status, run.toString());
        started.add(id);
        return b;
    }

    @AfterEach
    void deleteContainers() {
        started.forEach(id -> jrunc(backend, "delete", "--force", id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void conmonsExecGetsAPtyOfTheContainerSizedByItsProcessAndNothingElse(String backend) throws Exception {
        String id = "ext-c-" + backend;
        running(backend, id);
        Injector ports = Backends.ports(backend);
        Path socket = tmp.resolve("console.sock");
        Path pidFile = tmp.resolve("exec.pid");
        long sockets = LeftBehind.sockets();
        try (ConsoleReceiver receiver = new ConsoleReceiver(socket, ports.getInstance(FileDescriptors.class))) {
            // podman's exact order of flags
            var exec = jrunc(backend, "exec", "--pid-file", pidFile.toString(), "--detach", "--tty",
                    "--console-socket", socket.toString(), "--user", "1000:1000", id, "sh", "-c", PROBE);
            assertEquals(0, exec.status, exec.toString());
            // Our child (the CLI ran in this JVM), as it is conmon's once runc exits: its status by wait, which
            // also reaps it (a zombie of ours in the container's pid namespace would keep its init from dying).
            int pid = Integer.parseInt(Files.readString(pidFile).trim());
            assertEquals(5, ports.getInstance(Processes.class).waitFor(pid).code());
            assertEquals("/dev/ptmx", receiver.master.get(20, TimeUnit.SECONDS).name());
            String out = receiver.output.get(30, TimeUnit.SECONDS);
            List<String> lines = List.of(out.split("\r\n"));

            // the container's devpts (its first pty: the container has none of its own)
            assertEquals("/dev/pts/0", lines.get(0), out);
            assertEquals("33 101", lines.get(1), "process.consoleSize: " + out);
            // runc's setns init does not mount the console: the container's /dev has none, and keeps none
            assertEquals("console=none", lines.get(2), out);
            assertEquals("in=88:0 out=88:0 err=88:0", lines.get(3), "stdio is the pty: " + out);
            // stdio and the directory ls reads: no console socket, sync socket or namespace fd
            assertEquals("fds 0 1 2 3", lines.get(4), out);
            // the pty is the session's controlling terminal (34816 = makedev(136, 0))
            assertEquals("ctty=34816", lines.get(5), out);
            // runc's fixStdioPermissions: the user the process runs as owns it
            assertEquals("owner=1000", lines.get(6), out);
        }
        assertEquals(sockets, LeftBehind.sockets(), "the runtime holds no socket of the exec's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theContainerdShimsProcessFileWithATerminalGetsThePty(String backend) throws Exception {
        String id = "ext-p-" + backend;
        running(backend, id);
        Injector ports = Backends.ports(backend);
        Path process = tmp.resolve("process.json");
        Files.writeString(process, """
                {"terminal": true, "consoleSize": {"height": 20, "width": 60}, "user": {"uid": 0, "gid": 0},
                 "args": ["sh", "-c", "tty; stty size; exit 7"], "env": ["PATH=/bin"], "cwd": "/"}""");
        Path socket = tmp.resolve("console.sock");
        Path pidFile = tmp.resolve("exec.pid");
        try (ConsoleReceiver receiver = new ConsoleReceiver(socket, ports.getInstance(FileDescriptors.class))) {
            // the shim's exact order of flags
            var exec = jrunc(backend, "exec", "--process", process.toString(), "--detach", "--pid-file",
                    pidFile.toString(), "--console-socket", socket.toString(), id);
            assertEquals(0, exec.status, exec.toString());
            int pid = Integer.parseInt(Files.readString(pidFile).trim());
            assertEquals(7, ports.getInstance(Processes.class).waitFor(pid).code());
            String out = receiver.output.get(30, TimeUnit.SECONDS);
            assertEquals("/dev/pts/0\r\n20 60\r\n", out);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aForegroundExecTRelaysThePtyAndAnswersWithItsStatus(String backend) throws Exception {
        String id = "ext-f-" + backend;
        running(backend, id);
        String runtime = String.join(" ", runtimeCommand(backend, "exec", "-t", id, "sh", "-c",
                "'tty; stty size; stty -a | grep -o -- \"-\\?icanon\" | sed s/^/inside=/; echo hi; exit 3'"));
        Process script = new ProcessBuilder("script", "-qec", "stty rows 22 cols 77; " + runtime
                + "; echo status=$?; stty -a | grep -o -- '-\\?icanon' | sed s/^/after=/", "/dev/null")
                .redirectErrorStream(true).start();
        // script's stdin stays open (and empty) while it runs: at end of file script(1) would type its terminal's
        // EOF character into the session, which the pty inside, in cooked mode, echoes back ("^@" in raw mode).
        assertTrue(script.waitFor(90, TimeUnit.SECONDS), "the exec did not end");
        script.getOutputStream().close();
        String raw = new String(script.getInputStream().readAllBytes());
        String out = raw.replace("\r", "");

        assertTrue(out.contains("/dev/pts/0\n"), out);
        // the caller's size wins over process.consoleSize, as in runc
        assertTrue(out.contains("\n22 77\n"), out);
        assertTrue(out.contains("inside=icanon"), out);
        assertTrue(raw.contains("hi\r\n") && !raw.contains("hi\r\r\n"), "the caller's terminal is raw meanwhile: "
                + raw.replace("\r", "\\r"));
        assertTrue(out.contains("status=3"), "the exec's exit status: " + out);
        assertTrue(out.contains("after=icanon"), "the caller's terminal is back in canonical mode: " + out);
        assertEquals(1, inNamespaceOf(id), "nothing but the container's own process is left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theFlagsAreCheckedInRuncsWordsAndAFailedExecLeavesNothing(String backend) throws Exception {
        String id = "ext-x-" + backend;
        running(backend, id);
        long sockets = LeftBehind.sockets();
        var detached = jrunc(backend, "exec", "--detach", "--tty", id, "true");
        assertEquals(255, detached.status, detached.toString());
        assertTrue(detached.err.contains("exec failed: cannot allocate tty if runc will detach without setting"
                + " console socket"), detached.err);
        Path socket = tmp.resolve("console.sock");
        var noTty = jrunc(backend, "exec", "--detach", "--console-socket", socket.toString(), id, "true");
        assertEquals(255, noTty.status, noTty.toString());
        assertTrue(noTty.err.contains("exec failed: cannot use console socket if runc will not detach or allocate"
                + " tty"), noTty.err);
        var nobody = jrunc(backend, "exec", "--detach", "--tty", "--console-socket", socket.toString(), id, "true");
        assertEquals(255, nobody.status, nobody.toString());
        // runc 1.1.5's words (Go's net.Dial)
        assertTrue(nobody.err.contains("exec failed: dial unix " + socket + ": connect: no such file or directory"),
                nobody.err);

        Injector ports = Backends.ports(backend);
        try (ConsoleReceiver receiver = new ConsoleReceiver(socket, ports.getInstance(FileDescriptors.class))) {
            var missing = jrunc(backend, "exec", "--detach", "--tty", "--console-socket", socket.toString(), id,
                    "nosuch");
            assertEquals(255, missing.status, missing.toString());
            assertTrue(missing.err.contains("executable file not found in $PATH"), missing.err);
        }
        assertEquals(1, inNamespaceOf(id), "no process of a failed exec is left");
        assertEquals(sockets, LeftBehind.sockets(), "the runtime holds no socket of a failed exec");
    }

    /** How many processes share the container's pid namespace. */
    private long inNamespaceOf(String id) throws IOException {
        String state = jrunc(backend, "state", id).out;
        int init = Integer.parseInt(state.replaceAll("(?s).*\"pid\": *([0-9]+).*", "$1"));
        return inNamespace(Files.readSymbolicLink(Path.of("/proc/" + init + "/ns/pid")).toString());
    }
}
