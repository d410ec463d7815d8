package io.jrunc.domain.lifecycle;

import io.jrunc.ports.FileDescriptors;
import java.nio.charset.StandardCharsets;

/**
 * The create handshake between the runtime and its init, one line at a time over a socket pair: the
 * init says "waiting" once its JVM is up and it blocks for the runtime (the runtime moves it into the
 * container's cgroup then: a JVM starting up in a small pids or memory limit would not get its threads);
 * the runtime sends "go" once its own steps are done; the init answers "ready" when it waits on the exec
 * fifo, or "error &lt;message&gt;" when a step failed. End of file means the init died.
 */
public final class InitHandshake {
    static final String WAITING = "waiting";
    static final String GO = "go";
    static final String READY = "ready";
    static final String ERROR = "error ";
    private static final int MAX_LINE = 64 * 1024;

    private InitHandshake() {
    }

    public static void send(FileDescriptors fds, int fd, String line) {
        fds.write(fd, (line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads up to the newline; returns what came before an early end of file. */
    public static String receive(FileDescriptors fds, int fd) {
        byte[] line = new byte[64];
        int size = 0;
        while (size < MAX_LINE) {
            byte[] chunk = fds.read(fd, 1);
            if (chunk.length == 0 || chunk[0] == '\n') {
                break;
            }
            if (size == line.length) {
                line = java.util.Arrays.copyOf(line, size * 2);
            }
            line[size++] = chunk[0];
        }
        return new String(line, 0, size, StandardCharsets.UTF_8);
    }

    public static void sendWaiting(FileDescriptors fds, int fd) {
        send(fds, fd, WAITING);
    }

    public static void sendGo(FileDescriptors fds, int fd) {
        send(fds, fd, GO);
    }

    public static boolean awaitGo(FileDescriptors fds, int fd) {
        return GO.equals(receive(fds, fd));
    }

    public static void sendReady(FileDescriptors fds, int fd) {
        send(fds, fd, READY);
    }

    public static void sendError(FileDescriptors fds, int fd, String message) {
        send(fds, fd, ERROR + message);
    }
}
