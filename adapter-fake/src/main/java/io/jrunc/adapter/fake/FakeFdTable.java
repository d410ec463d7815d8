package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The caller's file descriptors: O_PATH handles by path, socket pairs whose ends carry bytes to each other (never
 * blocking: an empty socket reads as end of file, enough for a one-shot sync message) and the files sent with them
 * (SCM_RIGHTS), and the listening unix sockets a test makes, whose connections wait for its accept.
 */
final class FakeFdTable {
    private final Map<Integer, String> open = new HashMap<>();
    private final Map<Integer, Integer> peers = new HashMap<>();
    private final Map<Integer, ByteArrayOutputStream> inbox = new HashMap<>();
    /**
     * What each end has been sent with SCM_RIGHTS, in order: the file, and how far into the inbox the message it came
     * with starts. As the kernel's, a receive that reaches such a message stops at its end.
     */
    private final Map<Integer, java.util.ArrayDeque<Passed>> passed = new HashMap<>();
    /** Listening sockets by their path, and the server ends of the connections they have not accepted yet. */
    private final Map<String, Integer> listeners = new HashMap<>();
    private final Map<Integer, java.util.ArrayDeque<Integer>> backlog = new HashMap<>();

    private record Passed(int at, int length, String path) {
    }
    /** Fds marked close-on-exec: the ports open theirs so (O_CLOEXEC, SOCK_CLOEXEC), as the native backends do. */
    private final java.util.Set<Integer> closeOnExec = new java.util.HashSet<>();
    private int next = 3;

    synchronized int openPath(String absolutePath) {
        int fd = next++;
        open.put(fd, absolutePath);
        closeOnExec.add(fd);
        return fd;
    }

    /** An fd a program would inherit: one the caller opened without O_CLOEXEC (a test's, never a port's). */
    synchronized int openInherited(String absolutePath) {
        int fd = next++;
        open.put(fd, absolutePath);
        return fd;
    }

    /** close_range(lowest, ~0, CLOSE_RANGE_CLOEXEC). */
    synchronized void closeOnExecFrom(int lowest) {
        open.keySet().stream().filter(fd -> fd >= lowest).forEach(closeOnExec::add);
    }

    synchronized boolean closeOnExec(int fd) {
        if (!open.containsKey(fd)) {
            throw new SyscallException("fcntl", Errno.EBADF, Integer.toString(fd));
        }
        return closeOnExec.contains(fd);
    }

    synchronized int[] socketPair() {
        int a = next++;
        int b = next++;
        open.put(a, "socket:[" + a + "]");
        open.put(b, "socket:[" + b + "]");
        peers.put(a, b);
        peers.put(b, a);
        inbox.put(a, new ByteArrayOutputStream());
        inbox.put(b, new ByteArrayOutputStream());
        passed.put(a, new java.util.ArrayDeque<>());
        passed.put(b, new java.util.ArrayDeque<>());
        closeOnExec.add(a);
        closeOnExec.add(b);
        return new int[] {a, b};
    }

    synchronized void write(int fd, byte[] data) {
        checkSocket("write", fd);
        Integer peer = peers.get(fd);
        if (peer != null && open.containsKey(peer)) {
            inbox.get(peer).writeBytes(data);
        } else if (peer != null) {
            throw new SyscallException("write", Errno.EPIPE, Integer.toString(fd));
        }
    }

    /** A plain read: a file sent with the bytes it reads is dropped, as the kernel drops it for read(2). */
    synchronized byte[] read(int fd, int max) {
        checkSocket("read", fd);
        return take(fd, max, false).data();
    }

    /** sendmsg with SCM_RIGHTS: the bytes, and the file {@code fd} holds, for the peer's receive. */
    synchronized void writeWithFd(int socket, byte[] data, int fd) {
        checkSocket("sendmsg", socket);
        String path = open.get(fd);
        if (path == null) {
            throw new SyscallException("sendmsg", Errno.EBADF, Integer.toString(fd));
        }
        Integer peer = peers.get(socket);
        if (peer != null && open.containsKey(peer)) {
            passed.get(peer).add(new Passed(inbox.get(peer).size(), Math.max(1, data.length), path));
        }
        write(socket, data);
    }

    /**
     * recvmsg: at most {@code max} bytes, up to the end of the first message that came with a file, and a new fd of
     * that file (close-on-exec, MSG_CMSG_CLOEXEC); -1 when none came.
     */
    synchronized io.jrunc.ports.model.ReceivedFd receive(int socket, int max) {
        checkSocket("recvmsg", socket);
        return take(socket, max, true);
    }

    private io.jrunc.ports.model.ReceivedFd take(int fd, int max, boolean keepFile) {
        ByteArrayOutputStream box = inbox.get(fd);
        byte[] all = box.toByteArray();
        java.util.ArrayDeque<Passed> files = passed.get(fd);
        int n = Math.min(max, all.length);
        Passed first = files.peekFirst();
        String file = null;
        if (first != null && first.at() < n) {
            n = Math.min(n, first.at() + first.length());
            files.removeFirst();
            file = first.path();
        }
        box.reset();
        box.write(all, n, all.length - n);
        final int read = n;
        java.util.List<Passed> rest = files.stream().map(p -> new Passed(p.at() - read, p.length(), p.path())).toList();
        files.clear();
        files.addAll(rest);
        int received = file != null && keepFile ? openPath(file) : -1;
        return new io.jrunc.ports.model.ReceivedFd(Arrays.copyOf(all, n), received);
    }

    /** bind and listen at {@code path}: a listening socket's fd, which connect finds there until it is closed. */
    synchronized int listen(String path) {
        int fd = next++;
        open.put(fd, path);
        closeOnExec.add(fd);
        listeners.put(path, fd);
        backlog.put(fd, new java.util.ArrayDeque<>());
        return fd;
    }

    /** Whether a socket listens at {@code path}. */
    synchronized boolean listening(String path) {
        return listeners.containsKey(path);
    }

    /** connect to the listener at {@code path}: the client's end; the server's waits for accept. */
    synchronized int connect(String path) {
        int[] pair = socketPair();
        backlog.get(listeners.get(path)).add(pair[1]);
        return pair[0];
    }

    /** accept: the server end of the oldest connection; EAGAIN when none waits (the fake never blocks). */
    synchronized int accept(int listener) {
        java.util.ArrayDeque<Integer> waiting = backlog.get(listener);
        if (waiting == null) {
            throw new SyscallException("accept4", open.containsKey(listener) ? Errno.EINVAL : Errno.EBADF,
                    Integer.toString(listener));
        }
        if (waiting.isEmpty()) {
            throw new SyscallException("accept4", Errno.EAGAIN, Integer.toString(listener));
        }
        return waiting.removeFirst();
    }

    synchronized void close(int fd) {
        if (open.remove(fd) == null) {
            throw new SyscallException("close", Errno.EBADF, Integer.toString(fd));
        }
        inbox.remove(fd);
        passed.remove(fd);
        closeOnExec.remove(fd);
        java.util.ArrayDeque<Integer> waiting = backlog.remove(fd);
        if (waiting != null) {
            // The socket file stays, as a closed listener's does: a connect there is then refused.
            listeners.values().remove(fd);
            waiting.forEach(this::closeQuietly);
        }
    }

    private void closeQuietly(int fd) {
        open.remove(fd);
        inbox.remove(fd);
        passed.remove(fd);
        closeOnExec.remove(fd);
    }

    /** The path an fd holds, as /proc/self/fd/N resolves it; null when the fd is not open. */
    synchronized String path(int fd) {
        return open.get(fd);
    }

    synchronized Map<Integer, String> snapshot() {
        return Map.copyOf(open);
    }

    /** Only a socket end can be read or written here: an O_PATH fd is EBADF to both, as a closed one is. */
    private void checkSocket(String syscall, int fd) {
        if (!open.containsKey(fd) || !peers.containsKey(fd)) {
            throw new SyscallException(syscall, Errno.EBADF, Integer.toString(fd));
        }
    }
}
