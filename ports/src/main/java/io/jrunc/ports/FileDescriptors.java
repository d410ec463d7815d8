package io.jrunc.ports;

/**
 * Raw file descriptors, for what crosses from the runtime to the container's init by fd: the exec fifo
 * (held by an O_PATH fd, as its path is out of the container's reach) and the sync socket of the
 * create handshake. Every fd this port opens is close-on-exec; a spawn passes on only the ones it names.
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

    /** sendmsg(2) of {@code data} with a copy of {@code fd} attached (SCM_RIGHTS), all of it in one call. */
    void sendWithFd(int socket, byte[] data, int fd);

    /**
     * One recvmsg(2) of at most {@code max} bytes and the fd sent with them, close-on-exec here from the start
     * (MSG_CMSG_CLOEXEC); an empty array at end of file.
     */
    io.jrunc.ports.model.ReceivedFd receiveWithFd(int socket, int max);

    /**
     * A close-on-exec unix stream socket connected to the one at {@code path} ("@name": the abstract name), as an
     * agent's listenerPath names it.
     */
    int connectUnix(String path);

    /**
     * Marks every fd from {@code lowest} up close-on-exec (close_range with CLOSE_RANGE_CLOEXEC): the
     * JVM opens its jars without it, and not one of them may reach the program that execve starts.
     */
    void closeOnExecFrom(int lowest);
}
