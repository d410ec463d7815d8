package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The caller's file descriptors: O_PATH handles by path, and socket pairs whose ends carry bytes to each
 * other (never blocking: an empty socket reads as end of file, enough for a one-shot sync message).
 */
final class FakeFdTable {
    private final Map<Integer, String> open = new HashMap<>();
    private final Map<Integer, Integer> peers = new HashMap<>();
    private final Map<Integer, ByteArrayOutputStream> inbox = new HashMap<>();
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

    synchronized byte[] read(int fd, int max) {
        checkSocket("read", fd);
        ByteArrayOutputStream box = inbox.get(fd);
        byte[] all = box.toByteArray();
        int n = Math.min(max, all.length);
        box.reset();
        box.write(all, n, all.length - n);
        return Arrays.copyOf(all, n);
    }

    synchronized void close(int fd) {
        if (open.remove(fd) == null) {
            throw new SyscallException("close", Errno.EBADF, Integer.toString(fd));
        }
        inbox.remove(fd);
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
