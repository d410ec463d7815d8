package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ReceivedFd;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Raw fds: a socket pair's two ends, an O_PATH handle, the errno of a closed or unsuitable fd; and an fd that crosses
 * a unix socket with its name (SCM_RIGHTS), over a pair or a connection to a listener, and where a connect finds none.
 */
public abstract class FileDescriptorsContract extends PortContract {
    private FileDescriptors fds() {
        return ports().fileDescriptors();
    }

    @Test
    void aSocketPairCarriesBytesBothWays_andEndsWithEndOfFile() {
        int[] pair = fds().socketPair();
        try {
            fds().write(pair[0], "ready".getBytes(StandardCharsets.UTF_8));
            fds().write(pair[1], "go".getBytes(StandardCharsets.UTF_8));

            assertEquals("rea", new String(fds().read(pair[1], 3), StandardCharsets.UTF_8));
            assertEquals("dy", new String(fds().read(pair[1], 10), StandardCharsets.UTF_8));
            assertEquals("go", new String(fds().read(pair[0], 10), StandardCharsets.UTF_8));
            fds().close(pair[0]);
            assertArrayEquals(new byte[0], fds().read(pair[1], 10));
        } finally {
            fds().close(pair[1]);
        }
    }

    @Test
    void writingToASocketWhosePeerIsClosedIsEPIPE() {
        int[] pair = fds().socketPair();
        fds().close(pair[1]);
        try {
            assertErrno(Errno.EPIPE, () -> fds().write(pair[0], new byte[] {1}));
        } finally {
            fds().close(pair[0]);
        }
    }

    @Test
    void closingTwiceIsEBADF_andSoIsReadingOrWritingAClosedFd() {
        int[] pair = fds().socketPair();
        fds().close(pair[1]);
        fds().close(pair[0]);

        assertErrno(Errno.EBADF, () -> fds().close(pair[0]));
        assertErrno(Errno.EBADF, () -> fds().read(pair[0], 1));
        assertErrno(Errno.EBADF, () -> fds().write(pair[0], new byte[] {1}));
    }

    @Test
    void anOpathHandleIsAnFdThatCannotBeReadFrom() {
        ports().filesystem().touch(path("f"), 0644);
        int fd = fds().openPath(path("f"));
        try {
            assertTrue(fd > 2);
            assertErrno(Errno.EBADF, () -> fds().read(fd, 1));
        } finally {
            fds().close(fd);
        }
    }

    @Test
    void openPathOfAMissingFileIsENOENT() {
        var e = assertErrno(Errno.ENOENT, () -> fds().openPath(path("missing")));

        assertNotEquals("", e.detail());
    }

    @Test
    void closeOnExecFromAnFdAboveAllOpenOnesIsNoError() {
        fds().closeOnExecFrom(1 << 20);
    }

    /** runc's utils.SendFile: the name as the message, the fd attached; it arrives as a new fd of the same file. */
    @Test
    void anFdSentOverASocketPairArrivesAsAnotherFdOfTheSameFile_withTheNameItWasSentWith() {
        ports().seedFile(path("sent"), "x");
        int[] pair = fds().socketPair();
        int handle = fds().openPath(path("sent"));
        try {
            fds().sendFd(pair[0], bytes("/dev/ptmx"), handle);
            ReceivedFd received = fds().receiveFd(pair[1], 4096);
            try {
                assertEquals("/dev/ptmx", text(received));
                assertTrue(received.hasFd());
                assertNotEquals(handle, received.fd(), "a new fd of the receiver's own");
                assertEquals(path("sent"), ports().fdPath(received.fd()));
                assertTrue(ports().closeOnExec(received.fd()), "MSG_CMSG_CLOEXEC");
            } finally {
                fds().close(received.fd());
            }
        } finally {
            fds().close(handle);
            fds().close(pair[0]);
            fds().close(pair[1]);
        }
    }

    /** A receive ends with the message its fd came with: what follows is for the next one, with no fd. */
    @Test
    void bytesWrittenAfterAnFdsMessageArriveOnTheirOwn_withNoFd_andEndOfFileIsEmptyWithNone() {
        ports().seedFile(path("sent"), "x");
        int[] pair = fds().socketPair();
        int handle = fds().openPath(path("sent"));
        try {
            fds().sendFd(pair[0], bytes("state"), handle);
            fds().write(pair[0], bytes("more"));
            fds().close(pair[0]);
            ReceivedFd first = fds().receiveFd(pair[1], 100);
            fds().close(first.fd());
            ReceivedFd plain = fds().receiveFd(pair[1], 100);
            ReceivedFd end = fds().receiveFd(pair[1], 100);

            assertEquals("state", text(first));
            assertEquals("more", text(plain));
            assertEquals(-1, plain.fd());
            assertFalse(plain.hasFd());
            assertEquals("", text(end));
            assertEquals(-1, end.fd());
        } finally {
            fds().close(handle);
            fds().close(pair[1]);
        }
    }

    /** An engine's console socket, a seccomp agent: a listener a connect reaches, whose accepted end gets the fd. */
    @Test
    void aConnectionToAListeningSocketCarriesAnFdAndItsNameToTheAcceptedEnd_andBytesBack() {
        ports().seedFile(path("sent"), "x");
        int listener = ports().listenUnix(path("console.sock"));
        int handle = fds().openPath(path("sent"));
        try {
            int client = fds().connectUnix(path("console.sock"));
            int server = ports().acceptUnix(listener);
            try {
                assertTrue(ports().closeOnExec(client), "SOCK_CLOEXEC");
                fds().sendFd(client, bytes("/dev/ptmx"), handle);
                ReceivedFd received = fds().receiveFd(server, 4096);
                try {
                    assertEquals("/dev/ptmx", text(received));
                    assertEquals(path("sent"), ports().fdPath(received.fd()));
                } finally {
                    fds().close(received.fd());
                }
                fds().write(server, bytes("ok"));
                ReceivedFd reply = fds().receiveFd(client, 10);
                assertEquals("ok", text(reply));
                assertEquals(-1, reply.fd(), "a message without an fd");
            } finally {
                fds().close(server);
                fds().close(client);
            }
        } finally {
            fds().close(handle);
            fds().close(listener);
        }
    }

    @Test
    void connectingWhereNoFileIsIsENOENT() {
        var e = assertErrno(Errno.ENOENT, () -> fds().connectUnix(path("no-listener.sock")));

        assertEquals("connect", e.syscall());
    }

    /** A listener gone leaves its socket file behind, where nobody listens now. */
    @Test
    void connectingToASocketFileNobodyListensOnIsECONNREFUSED() {
        fds().close(ports().listenUnix(path("gone.sock")));

        assertErrno(Errno.ECONNREFUSED, () -> fds().connectUnix(path("gone.sock")));
    }

    @Test
    void connectingToARegularFileIsECONNREFUSED() {
        ports().seedFile(path("plain"), "x");

        assertErrno(Errno.ECONNREFUSED, () -> fds().connectUnix(path("plain")));
    }

    @Test
    void connectingToAnAbstractNameNobodyBoundIsECONNREFUSED() {
        assertErrno(Errno.ECONNREFUSED, () -> fds().connectUnix("@jrunc-contract-" + System.nanoTime()));
    }

    @Test
    void aPathLongerThanSunPathIsEINVAL() {
        assertErrno(Errno.EINVAL, () -> fds().connectUnix("/" + "x".repeat(108)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ReceivedFd received) {
        return new String(received.data(), StandardCharsets.UTF_8);
    }

    @Test
    void theFdsAPortOpensAreCloseOnExec_andCloseOnExecFromMarksEveryFdFromTheLowestUp() {
        ports().seedFile(path("a"), "a");
        ports().seedFile(path("b"), "b");
        int[] pair = fds().socketPair();
        int a = ports().openInherited(path("a"));
        int b = ports().openInherited(path("b"));
        try {
            assertTrue(ports().closeOnExec(pair[0]) && ports().closeOnExec(pair[1]), "SOCK_CLOEXEC");
            assertFalse(ports().closeOnExec(a) || ports().closeOnExec(b), "the test opened them to be inherited");

            fds().closeOnExecFrom(Math.max(a, b));

            assertTrue(ports().closeOnExec(Math.max(a, b)));
            assertFalse(ports().closeOnExec(Math.min(a, b)), "below the lowest, left as it was");
        } finally {
            ports().closeInherited(a);
            ports().closeInherited(b);
            fds().close(pair[0]);
            fds().close(pair[1]);
        }
    }
}
