package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReceivedFdTest {
    @Test
    void anFdOfZeroOrMoreCameWithTheBytes_minusOneIsNone() {
        assertTrue(new ReceivedFd(new byte[] {1}, 0).hasFd());
        assertTrue(new ReceivedFd(new byte[] {1}, 7).hasFd());
        assertFalse(new ReceivedFd(new byte[] {1}, -1).hasFd());
    }

    @Test
    void theBytesAreACopyNeitherSideCanChangeLater() {
        byte[] sent = {1, 2};
        ReceivedFd received = new ReceivedFd(sent, -1);
        sent[0] = 9;
        received.data()[1] = 9;

        assertArrayEquals(new byte[] {1, 2}, received.data());
    }
}
