package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import io.jrunc.ports.FileDescriptors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * process.terminal on the real kernel: the pty made inside the container and its master sent to an engine's console
 * socket (a receiver of our own, as conmon and the containerd shim receive it), and a foreground run that relays
 * the terminal itself, driven through a pseudo-terminal of script(1).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TerminalTest extends RealContainers {
    private BusyboxBundle terminalBundle(String script) throws Exception {
        return BusyboxBundle.in(tmp.resolve("bundle")).shell(script).edit(config -> {
            ObjectNode process = (ObjectNode) config.get("process");
            process.put("terminal", true);
            process.putObject("consoleSize").put("height", 33).put("width", 101);
        }).write();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theMasterGoesToTheConsoleSocketAndTheContainerRunsOnThePty(String backend) throws Exception {
        Backends.assumeLoads(backend);
        terminalBundle("tty; stty size; echo console=$(stat -c %t:%T /dev/console) tty=$(stat -L -c %t:%T "
                + "/proc/self/fd/0); echo fds $(ls /proc/self/fd); echo ctty=$(cat /proc/self/stat | cut -d' ' -f7);"
                + " echo hi");
        Injector ports = Backends.ports(backend);
        Path socket = tmp.resolve("console.sock");
        try (ConsoleReceiver receiver = new ConsoleReceiver(socket, ports.getInstance(FileDescriptors.class))) {
            var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), "--console-socket",
                    socket.toString(), "tty-" + backend);
            assertEquals(0, create.status, create.toString());
            // runc's utils.SendFile: the file's name as the payload
            assertEquals("/dev/ptmx", receiver.master.get(20, TimeUnit.SECONDS).name());

            var start = jrunc(backend, "start", "tty-" + backend);
            assertEquals(0, start.status, start.toString());
            String out = receiver.output.get(30, TimeUnit.SECONDS);

            List<String> lines = List.of(out.split("\r\n"));
            assertEquals("/dev/pts/0", lines.get(0), out);
            assertEquals("33 101", lines.get(1), "process.consoleSize: " + out);
            // /dev/console is the pty itself (136 is the first pty major), and so is the program's stdin
            assertEquals("console=88:0 tty=88:0", lines.get(2), out);
            // stdio and the fd ls opens for the directory: no console socket, sync socket or fifo
            assertEquals("fds 0 1 2 3", lines.get(3), out);
            // the terminal is the session's controlling one: stat's tty_nr is the pty's device number
            assertEquals("ctty=34816", lines.get(4), out);
            assertEquals("hi", lines.get(5), out);
        }
        assertEquals(0, jrunc(backend, "delete", "--force", "tty-" + backend).status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aForegroundRunRelaysTheTerminalAndRestoresTheCallersOwn(String backend) throws Exception {
        Backends.assumeLoads(backend);
        terminalBundle("tty; stty size; stty -a | grep -o -- '-\\?icanon' | sed s/^/inside=/; echo hi; exit 3");
        String runtime = String.join(" ", runtimeCommand(backend, "run", "--bundle", tmp.resolve("bundle").toString(),
                "fg-" + backend));
        // script(1) gives the runtime a pseudo-terminal as its stdin and stdout, sized 22x77 here; what it prints
        // after the runtime is gone tells whether the runtime gave that terminal back as it found it.
        Process script = new ProcessBuilder("script", "-qec", "stty rows 22 cols 77; " + runtime
                + "; echo status=$?; stty -a | grep -o -- '-\\?icanon' | sed s/^/after=/", "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true).start();
        assertTrue(script.waitFor(90, TimeUnit.SECONDS), "the run did not end");
        String raw = new String(script.getInputStream().readAllBytes());
        String out = raw.replace("\r", "");

        assertTrue(out.contains("/dev/pts/0\n"), out);
        // the caller's size, passed on before the program starts (it wins over process.consoleSize)
        assertTrue(out.contains("\n22 77\n"), out);
        assertTrue(out.contains("inside=icanon"), "the container's own terminal is left as the kernel made it: " + out);
        // The pty turns the program's "\n" into "\r\n"; a caller's terminal left cooked would add another "\r"
        // (ONLCR), one in raw mode passes the bytes as they come.
        assertTrue(raw.contains("hi\r\n") && !raw.contains("hi\r\r\n"), "the caller's terminal is raw meanwhile: "
                + raw.replace("\r", "\\r"));
        assertTrue(out.contains("status=3"), "the container's exit status: " + out);
        assertTrue(out.contains("after=icanon"), "the caller's terminal is back in canonical mode: " + out);
        assertFalse(Files.exists(root.resolve("fg-" + backend)), "run deletes what it ran");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aConsoleSocketNobodyListensAtFailsCleanly(String backend) throws Exception {
        Backends.assumeLoads(backend);
        terminalBundle("echo never");
        Path missing = tmp.resolve("no.sock");
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), "--console-socket",
                missing.toString(), "nosock-" + backend);
        assertEquals(1, create.status, create.toString());
        // runc 1.1.5's words (Go's net.Dial)
        assertTrue(create.err.contains("jrunc create failed: dial unix " + missing
                + ": connect: no such file or directory"), create.toString());
        assertFalse(Files.exists(root.resolve("nosock-" + backend)), "no state is left");
        assertEquals(List.of(), LeftBehind.cgroups("nosock-" + backend), "no cgroup is made");

        var detached = jrunc(backend, "run", "--detach", "--bundle", tmp.resolve("bundle").toString(),
                "detach-" + backend);
        assertEquals(1, detached.status, detached.toString());
        assertTrue(detached.err.contains("jrunc run failed: cannot allocate tty if runc will detach without setting"
                + " console socket"), detached.toString());
        assertFalse(Files.exists(root.resolve("detach-" + backend)), "no state is left");
    }

    /**
     * CVE-2025-52565: an image whose /dev/console is a link (here without a /dev tmpfs, so the image's own /dev is
     * used) must not have the pty bound wherever the link leads; create fails instead, and the link's target stays
     * as it was.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aDevConsoleThatIsALinkIsRefusedNotFollowed(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle bundle = terminalBundle("echo never").edit(config -> {
            var mounts = (com.fasterxml.jackson.databind.node.ArrayNode) config.get("mounts");
            for (int i = mounts.size() - 1; i >= 0; i--) {
                if (mounts.get(i).get("destination").asText().equals("/dev")) {
                    mounts.remove(i);
                }
            }
        }).write();
        Files.createDirectories(bundle.rootfs.resolve("dev/pts"));
        // what the runtime links on a /dev of its own, here the image's
        Files.createSymbolicLink(bundle.rootfs.resolve("dev/ptmx"), Path.of("pts/ptmx"));
        Files.writeString(bundle.rootfs.resolve("etc/target"), "untouched\n");
        Files.createSymbolicLink(bundle.rootfs.resolve("dev/console"), Path.of("/etc/target"));
        Path socket = tmp.resolve("console.sock");
        Injector ports = Backends.ports(backend);
        try (ConsoleReceiver receiver = new ConsoleReceiver(socket, ports.getInstance(FileDescriptors.class))) {
            var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), "--console-socket",
                    socket.toString(), "link-" + backend);
            assertEquals(1, create.status, create.toString());
            assertTrue(create.err.contains("too many levels of symbolic links"), create.toString());
        }
        assertEquals("untouched\n", Files.readString(bundle.rootfs.resolve("etc/target")));
        assertTrue(Files.isSymbolicLink(bundle.rootfs.resolve("dev/console")));
        assertFalse(Files.exists(root.resolve("link-" + backend)), "no state is left");
        assertEquals(List.of(), LeftBehind.cgroups("link-" + backend), "no cgroup is left");
    }

    /**
     * runc's order: the console before the root turns read-only (finalizeRootfs), so an image without a /dev mount of
     * its own, on a read-only root, still gets its /dev/console.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aReadOnlyImageWithoutADevMountGetsItsConsoleBeforeTheRootTurnsReadOnly(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle bundle = terminalBundle("echo console=$(stat -c %F:%t:%T /dev/console); touch /x 2>/dev/null"
                + " || echo read-only").edit(config -> {
                    ((ObjectNode) config.get("root")).put("readonly", true);
                    var mounts = (com.fasterxml.jackson.databind.node.ArrayNode) config.get("mounts");
                    for (int i = mounts.size() - 1; i >= 0; i--) {
                        if (mounts.get(i).get("destination").asText().equals("/dev")) {
                            mounts.remove(i);
                        }
                    }
                }).write();
        Files.createDirectories(bundle.rootfs.resolve("dev/pts"));
        Files.createSymbolicLink(bundle.rootfs.resolve("dev/ptmx"), Path.of("pts/ptmx"));
        Injector ports = Backends.ports(backend);
        Path socket = tmp.resolve("console.sock");
        try (ConsoleReceiver receiver = new ConsoleReceiver(socket, ports.getInstance(FileDescriptors.class))) {
            var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), "--console-socket",
                    socket.toString(), "ro-" + backend);
            assertEquals(0, create.status, create.toString());
            assertEquals(0, jrunc(backend, "start", "ro-" + backend).status);
            String out = receiver.output.get(30, TimeUnit.SECONDS);
            assertEquals("console=character special file:88:0\r\nread-only\r\n", out);
        }
        assertEquals(0, jrunc(backend, "delete", "--force", "ro-" + backend).status);
    }
}
