package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.jrunc.domain.terminal.TerminalRelay;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.Termios;
import io.jrunc.ports.model.WindowSize;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The relay of a foreground run between two real ptys of the backend's own making: one stands for the caller's
 * terminal (its peer is the relay's stdin and stdout; what the caller types goes in at its master), the other for
 * the container's (the relay holds its master; the container's program is its peer). No root needed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TerminalRelayTest {
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void keysGoInOutputComesOutTheSizeFollowsAndTheCallersTerminalIsGivenBack(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Injector ports = Backends.ports(backend);
        Terminals terminals = ports.getInstance(Terminals.class);
        FileDescriptors fds = ports.getInstance(FileDescriptors.class);
        int callerMaster = terminals.openPtyMaster();
        int caller = terminals.openPtyPeer(callerMaster);
        int containerMaster = terminals.openPtyMaster();
        int container = terminals.openPtyPeer(containerMaster);
        try {
            Termios before = terminals.attributes(caller).orElseThrow();
            assertTrue(before.echoes(), "a new pty starts cooked");
            terminals.setWindowSize(callerMaster, new WindowSize(40, 120));

            TerminalRelay relay = new TerminalRelay(terminals, fds, containerMaster, caller, caller);
            relay.start();
            try {
                assertFalse(terminals.attributes(caller).orElseThrow().echoes(), "raw while the relay runs");
                assertEquals(new WindowSize(40, 120), terminals.windowSize(container), "the caller's size, copied");

                fds.write(callerMaster, "typed\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("typed\n", readUntil(fds, container, "\n"));

                fds.write(container, "out\n".getBytes(StandardCharsets.UTF_8));
                // What was typed comes back once, echoed by the container's pty (the caller's, raw, echoes nothing
                // itself), then the output; the container's pty makes "\r\n" of "\n", the caller's passes it as is.
                assertEquals("typed\r\nout\r\n", readUntil(fds, callerMaster, "out\r\n"));

                terminals.setWindowSize(callerMaster, new WindowSize(50, 100));
                relay.resize();
                assertEquals(new WindowSize(50, 100), terminals.windowSize(container), "a SIGWINCH's resize");

                fds.close(container);
                container = -1;
                relay.awaitOutput(); // the master reads EIO once no one holds the peer: the container has ended
            } finally {
                relay.close();
            }
            assertEquals(before, terminals.attributes(caller).orElseThrow(), "the caller's terminal as it was");
        } finally {
            if (container >= 0) {
                fds.close(container);
            }
            fds.close(caller);
            fds.close(callerMaster);
        }
    }

    private static String readUntil(FileDescriptors fds, int fd, String end) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.UTF_8).endsWith(end)) {
            got.writeBytes(fds.read(fd, 256));
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
