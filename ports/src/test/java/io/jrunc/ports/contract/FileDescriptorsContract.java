package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.Errno;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Raw fds: a socket pair's two ends, an O_PATH handle, and the errno of a closed or unsuitable fd. */
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

    /** An fd sent over a socket pair (SCM_RIGHTS) arrives as a new fd of the same file; plain bytes carry none. */
    @Test
    void anFdSentWithBytesArrivesAsAnotherFdOfTheSameFile_andBytesAloneCarryNone() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ports().realKernel(), "the fake passes no fds");
        String file = path("sent");
        java.nio.file.Files.writeString(java.nio.file.Path.of(file), "x");
        int[] pair = fds().socketPair();
        int handle = fds().openPath(file);
        try {
            fds().sendWithFd(pair[0], "state".getBytes(StandardCharsets.UTF_8), handle);
            fds().write(pair[0], "more".getBytes(StandardCharsets.UTF_8));
            var received = fds().receiveWithFd(pair[1], 5);
            var plain = fds().receiveWithFd(pair[1], 10);
            try {
                assertEquals("state", new String(received.data(), StandardCharsets.UTF_8));
                assertNotEquals(handle, received.fd());
                assertEquals(java.nio.file.Path.of(file), java.nio.file.Files.readSymbolicLink(
                        java.nio.file.Path.of("/proc/self/fd/" + received.fd())));
                assertEquals("more", new String(plain.data(), StandardCharsets.UTF_8));
                assertEquals(-1, plain.fd());
            } finally {
                fds().close(received.fd());
            }
        } finally {
            fds().close(handle);
        }
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

    @Test
    void connectingWhereNobodyListensIsENOENTOrECONNREFUSED() {
        assertErrno(ports().realKernel() ? Errno.ENOENT : Errno.ECONNREFUSED,
                () -> fds().connectUnix(path("no-listener.sock")));
    }
}
