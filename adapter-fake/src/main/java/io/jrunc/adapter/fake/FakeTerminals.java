package io.jrunc.adapter.fake;

import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.PassedFd;
import io.jrunc.ports.model.Termios;
import io.jrunc.ports.model.WindowSize;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Terminals of the fake kernel: a console socket is one end of a socket pair, a pty a pair of fds, and a passed fd
 * is the sent one's name written to the socket; every effect lands in the kernel's journal. No fd here is a
 * terminal of the caller's, so {@link #attributes} is always empty.
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
    public int connectUnix(String path) {
        return journal.run(new Call.ConnectUnix(path), () -> fds.socketPair()[0]);
    }

    @Override
    public void sendFd(int socket, String name, int fd) {
        journal.run(new Call.SendFd(socket, name, fd), () -> fds.write(socket, name.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<PassedFd> receiveFd(int socket) {
        return journal.run(new Call.ReceiveFd(socket), () -> {
            byte[] name = fds.read(socket, 4096);
            return name.length == 0 ? Optional.<PassedFd>empty()
                    : Optional.of(new PassedFd(fds.openPath("/dev/ptmx"), new String(name, StandardCharsets.UTF_8)));
        });
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
