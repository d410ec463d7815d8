package io.jrunc.ports;

import io.jrunc.ports.model.PassedFd;
import io.jrunc.ports.model.Termios;
import io.jrunc.ports.model.WindowSize;
import java.util.Optional;

/**
 * Pseudo-terminals and the unix sockets that carry their fds: a container's terminal is made inside it, and its
 * master travels to whoever drives it (an engine's console socket, or this runtime relaying it itself) as an
 * SCM_RIGHTS message. Every fd this port opens is close-on-exec.
 */
public interface Terminals {
    /** socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC) connected to {@code path}: a console socket's client end. */
    int connectUnix(String path);

    /**
     * sendmsg(2) of one message: {@code name} as its payload, {@code fd} in an SCM_RIGHTS control message (runc's
     * utils.SendFile).
     */
    void sendFd(int socket, String name, int fd);

    /** recvmsg(2) of one such message (MSG_CMSG_CLOEXEC); empty when the peer closed without sending one. */
    Optional<PassedFd> receiveFd(int socket);

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
