package io.jrunc.domain.terminal;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.Termios;
import java.util.Optional;

/**
 * What a foreground {@code runc run} (and {@code runc exec -t}) does with a terminal nobody else takes: it holds the
 * pty's master and relays it to the caller's own stdin and stdout. The caller's terminal, when stdin is one, is put
 * in raw mode for the while (every key goes to the container's line discipline, ^C included) and restored on
 * {@link #close}; its size is copied to the pty at the start and on each {@link #resize} (SIGWINCH).
 *
 * <p>Independent of how the master arrived: a console socket pair of create, or of exec.
 */
public final class TerminalRelay implements AutoCloseable {
    private static final int CHUNK = 32 * 1024;

    private final Terminals terminals;
    private final FileDescriptors fds;
    private final int master;
    private final int in;
    private final int out;
    private Optional<Termios> saved = Optional.empty();
    private Thread output;
    /** Set by {@link #close}: the input thread, blocked in a read of the caller's stdin, writes nothing after. */
    private volatile boolean closed;

    /**
     * @param master the pty's master, which the relay owns and closes
     * @param in     the caller's stdin (read in a daemon thread: a read on it cannot be interrupted)
     * @param out    the caller's stdout
     */
    public TerminalRelay(Terminals terminals, FileDescriptors fds, int master, int in, int out) {
        this.terminals = terminals;
        this.fds = fds;
        this.master = master;
        this.in = in;
        this.out = out;
    }

    /** Raw mode on the caller's terminal, the pty sized as it is, and both directions copied from now on. */
    public void start() {
        saved = terminals.attributes(in);
        saved.ifPresent(attributes -> terminals.setAttributes(in, attributes.raw()));
        resize();
        output = thread("terminal-output", () -> copy(master, out));
        // A read of the caller's stdin cannot be interrupted: this thread may outlive the relay, and must then not
        // write to the master's number, which may name another file by then.
        thread("terminal-input", () -> copy(in, master));
    }

    /** The caller's window size onto the pty, whose foreground process group the kernel tells with SIGWINCH. */
    public void resize() {
        if (saved.isEmpty()) {
            return; // stdin is no terminal: nothing to copy a size from
        }
        try {
            terminals.setWindowSize(master, terminals.windowSize(in));
        } catch (SyscallException e) {
            // As runc: a failed resize is no reason to stop the container.
        }
    }

    /**
     * Waits until all the container wrote is out: the master reads end of file (EIO) once the last process holding
     * the pty's peer has ended.
     */
    public void awaitOutput() throws InterruptedException {
        if (output != null) {
            output.join();
        }
    }

    /** The caller's terminal back as it was; the master closed. */
    @Override
    public void close() {
        closed = true;
        saved.ifPresent(attributes -> {
            try {
                terminals.setAttributes(in, attributes);
            } catch (SyscallException e) {
                // The caller's terminal went away: nothing left to restore.
            }
        });
        try {
            fds.close(master);
        } catch (SyscallException e) {
            // Our own fd: nothing to do about a failed close.
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Copies until end of file or an error on either side (EIO on the master when the container is gone). */
    private void copy(int from, int to) {
        try {
            while (true) {
                byte[] chunk = fds.read(from, CHUNK);
                if (chunk.length == 0 || closed) {
                    return;
                }
                fds.write(to, chunk);
            }
        } catch (SyscallException e) {
            // The end of one side ends this direction.
        }
    }
}
