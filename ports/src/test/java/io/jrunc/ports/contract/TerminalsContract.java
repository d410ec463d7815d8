package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.PassedFd;
import io.jrunc.ports.model.WindowSize;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ptys and fd passing: an fd sent with its name arrives under a new number, a pty keeps the size set on it. */
public abstract class TerminalsContract extends PortContract {
    private Terminals terminals() {
        return ports().port(Terminals.class);
    }

    private FileDescriptors fds() {
        return ports().fileDescriptors();
    }

    @Test
    void anFdSentOverASocketArrivesWithTheNameItWasSentWith() {
        int[] pair = fds().socketPair();
        int sent = fds().openPath(dir);
        try {
            terminals().sendFd(pair[0], "/dev/ptmx", sent);
            PassedFd received = terminals().receiveFd(pair[1]).orElseThrow();
            try {
                assertEquals("/dev/ptmx", received.name());
                assertNotEquals(sent, received.fd(), "a new fd of the receiver's own");
            } finally {
                fds().close(received.fd());
            }
        } finally {
            fds().close(sent);
            fds().close(pair[0]);
            fds().close(pair[1]);
        }
    }

    @Test
    void nothingIsReceivedWhenThePeerClosesWithoutSending() {
        int[] pair = fds().socketPair();
        fds().close(pair[0]);
        try {
            assertEquals(Optional.empty(), terminals().receiveFd(pair[1]));
        } finally {
            fds().close(pair[1]);
        }
    }

    @Test
    void aPtysPeerHasTheSizeSetOnItsMaster() {
        int master = terminals().openPtyMaster();
        try {
            int peer = terminals().openPtyPeer(master);
            try {
                terminals().setWindowSize(master, new WindowSize(33, 101));
                assertEquals(new WindowSize(33, 101), terminals().windowSize(peer));
            } finally {
                fds().close(peer);
            }
        } finally {
            fds().close(master);
        }
    }

    @Test
    void aSocketHasNoTerminalAttributes() {
        int[] pair = fds().socketPair();
        try {
            assertTrue(terminals().attributes(pair[0]).isEmpty());
        } finally {
            fds().close(pair[0]);
            fds().close(pair[1]);
        }
    }
}
