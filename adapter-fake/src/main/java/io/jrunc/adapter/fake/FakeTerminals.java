package io.jrunc.adapter.fake;

import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.Termios;
import io.jrunc.ports.model.WindowSize;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Terminals of the fake kernel: a pty is a pair of fds (the master on /dev/ptmx, the peer on /dev/pts/0) that share
 * one size; every effect lands in the kernel's journal. No fd here is a terminal of the caller's, so
 * {@link #attributes} is always empty.
 */
public final class FakeTerminals implements Terminals {
    private static final WindowSize DEFAULT = new WindowSize(24, 80);

    private final FakeKernel kernel;
    private final Journal journal;
    private final FakeFdTable fds;
    private final Map<Integer, WindowSize> sizes = new ConcurrentHashMap<>();
    /** Each pty's peer, by its master: both ends share one size. */
    private final Map<Integer, Integer> masters = new ConcurrentHashMap<>();

    public FakeTerminals(FakeKernel kernel) {
        this.kernel = kernel;
        this.journal = kernel.sharedJournal();
        this.fds = kernel.fdTable();
    }

    @Override
    public int openPtyMaster() {
        return journal.run(new Call.OpenPtyMaster(), () -> fds.openPath("/dev/ptmx"));
    }

    @Override
    public int openPtyPeer(int master) {
        return journal.run(new Call.OpenPtyPeer(master), () -> {
            // The peer's node, as devpts makes it: what /proc/self/fd/N of the peer leads to.
            if (!kernel.exists("/dev/pts/0")) {
                kernel.addFile("/dev/pts/0");
            }
            int peer = fds.openPath("/dev/pts/0");
            masters.put(peer, master);
            return peer;
        });
    }

    @Override
    public WindowSize windowSize(int fd) {
        return sizes.getOrDefault(masters.getOrDefault(fd, fd), DEFAULT);
    }

    @Override
    public void setWindowSize(int fd, WindowSize size) {
        journal.run(new Call.SetWindowSize(fd, size.rows(), size.columns()), () -> {
            sizes.put(fd, size);
        });
    }

    @Override
    public Optional<Termios> attributes(int fd) {
        return Optional.empty();
    }

    @Override
    public void setAttributes(int fd, Termios attributes) {
        journal.run(new Call.SetTerminalAttributes(fd), () -> { });
    }
}
