package io.jrunc.ports;

import io.jrunc.ports.model.ReceivedFd;

/**
 * Raw file descriptors, for what crosses from the runtime to the container's init by fd: the exec fifo
 * (held by an O_PATH fd, as its path is out of the container's reach) and the sync socket of the
 * create handshake; and the unix sockets that carry an fd (SCM_RIGHTS) between processes: a terminal's master
 * to a console socket, a seccomp notify fd to its agent, the init's replies on the sync socket. Every fd this
 * port opens is close-on-exec; a spawn passes on only the ones it names.
 */
public interface FileDescriptors {
    /** open(2) with O_PATH|O_CLOEXEC: a handle that can be reopened later through /proc/self/fd. */
    int openPath(String path);

    /** socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC): the two ends. */
    int[] socketPair();

    /** Writes all of {@code data}. */
    void write(int fd, byte[] data);

    /** One read(2) of at most {@code max} bytes; an empty array at end of file. */
    byte[] read(int fd, int max);

    void close(int fd);

    /**
     * A close-on-exec unix stream socket connected to the one at {@code path} ("@name": the abstract name): a
     * console socket's client end, or a seccomp agent's listenerPath. ENOENT when nothing is at {@code path},
     * ECONNREFUSED when nobody listens there.
     */
    int connectUnix(String path);

    /**
     * sendmsg(2) of {@code data} with a copy of {@code fd} attached to its first byte (SCM_RIGHTS), as runc's
     * utils.SendRawFd sends it: a console's master goes with its name ("/dev/ptmx", utils.SendFile), a seccomp
     * agent's notify fd with the container's state. What the socket does not take at once follows by write(2).
     */
    void sendFd(int socket, byte[] data, int fd);

    /**
     * One recvmsg(2) of at most {@code max} bytes and the fd sent with them, close-on-exec here from the start
     * (MSG_CMSG_CLOEXEC); -1 for bytes that came without one, and empty bytes with -1 at end of file. Should a
     * peer send more than one fd, the first is kept and the others closed.
     */
    ReceivedFd receiveFd(int socket, int max);

    /**
     * Marks every fd from {@code lowest} up close-on-exec (close_range with CLOSE_RANGE_CLOEXEC): the
     * JVM opens its jars without it, and not one of them may reach the program that execve starts.
     */
    void closeOnExecFrom(int lowest);
}
