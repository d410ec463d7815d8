package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.WindowSize;
import org.junit.jupiter.api.Test;

/** Ptys: a pty's peer keeps the size set on its master, a socket is no terminal (fd passing: FileDescriptorsContract). */
public abstract class TerminalsContract extends PortContract {
    private Terminals terminals() {
        return ports().port(Terminals.class);
    }

    private FileDescriptors fds() {
        return ports().fileDescriptors();
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
