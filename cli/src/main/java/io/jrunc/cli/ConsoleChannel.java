package io.jrunc.cli;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ReceivedFd;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Where a container's terminal goes, as runc's setupIO decides it: to the caller's console socket (--console-socket,
 * connected here, on the host, since its path is a host path), or, for a foreground run, over a socket pair back to
 * this runtime, which relays it. The init gets one connected end under the same fd number.
 */
final class ConsoleChannel implements AutoCloseable {
    private final FileDescriptors fds;
    private int initEnd;
    private int relayEnd;

    private ConsoleChannel(FileDescriptors fds, int initEnd, int relayEnd) {
        this.fds = fds;
        this.initEnd = initEnd;
        this.relayEnd = relayEnd;
    }

    /** runc's utils.MaxNameLen: the most a console message (the master's name) may hold. */
    static final int MAX_NAME = 4096;

    /** The console socket at {@code path}, or a pair of our own when {@code path} is null; runc's words if not. */
    static Either<String, ConsoleChannel> open(FileDescriptors fds, Path path) {
        if (path == null) {
            int[] pair = fds.socketPair();
            return Either.right(new ConsoleChannel(fds, pair[1], pair[0]));
        }
        try {
            return Either.right(new ConsoleChannel(fds, fds.connectUnix(path.toString()), -1));
        } catch (SyscallException e) {
            // Go's words for a failed net.Dial("unix", path), which runc prints as they are.
            String why = e.errno() == Errno.UNKNOWN ? "errno " + e.code() : e.errno().description();
            return Either.left("dial unix " + path + ": connect: " + why);
        }
    }

    /**
     * The pty master a container's process sent over {@code socket} with its name (runc's utils.RecvFile); empty when
     * the peer closed without sending one, and an error for bytes that came without an fd.
     */
    static OptionalInt receiveMaster(FileDescriptors fds, int socket) {
        ReceivedFd master = fds.receiveFd(socket, MAX_NAME);
        if (master.hasFd()) {
            return OptionalInt.of(master.fd());
        }
        if (master.data().length > 0) {
            throw new SyscallException("recvmsg", Errno.EINVAL, "fd " + socket + ": a message without an fd");
        }
        return OptionalInt.empty();
    }

    /** The fd the init inherits and sends the master over. */
    int toInit() {
        return initEnd;
    }

    /** Our end of the pair, where the master arrives; empty for an engine's console socket. */
    OptionalInt relayEnd() {
        return relayEnd < 0 ? OptionalInt.empty() : OptionalInt.of(relayEnd);
    }

    /** Once the init has its copy (or is gone): ours must not keep the socket open past it. */
    void closeInitEnd() {
        initEnd = closeQuietly(initEnd);
    }

    @Override
    public void close() {
        initEnd = closeQuietly(initEnd);
        relayEnd = closeQuietly(relayEnd);
    }

    private int closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                fds.close(fd);
            } catch (SyscallException e) {
                // Our own fd: nothing to do about a failed close.
            }
        }
        return -1;
    }
}
