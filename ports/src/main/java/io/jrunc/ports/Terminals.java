package io.jrunc.ports;

import io.jrunc.ports.model.Termios;
import io.jrunc.ports.model.WindowSize;
import java.util.Optional;

/**
 * Pseudo-terminals: a container's terminal is made inside it (its master then travels to whoever drives it over
 * {@link FileDescriptors#sendFd}), sized, and put in raw mode by a runtime that relays it. Every fd this port opens
 * is close-on-exec.
 */
public interface Terminals {
    /** A new pty's master: open("/dev/ptmx", O_RDWR|O_NOCTTY|O_CLOEXEC), then unlocked (TIOCSPTLCK 0). */
    int openPtyMaster();

    /** The master's peer by its fd (TIOCGPTPEER, O_RDWR|O_NOCTTY|O_CLOEXEC), never by a /dev/pts path. */
    int openPtyPeer(int master);

    /** TIOCGWINSZ. */
    WindowSize windowSize(int fd);

    /** TIOCSWINSZ: the kernel tells the terminal's foreground process group with SIGWINCH. */
    void setWindowSize(int fd, WindowSize size);

    /** TCGETS; empty when {@code fd} is no terminal (ENOTTY). */
    Optional<Termios> attributes(int fd);

    /** TCSETS: applied at once. */
    void setAttributes(int fd, Termios attributes);
}
