package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static io.jrunc.ports.model.PtyIoctls.O_RDWR;
import static io.jrunc.ports.model.PtyIoctls.TCGETS;
import static io.jrunc.ports.model.PtyIoctls.TCSETS;
import static io.jrunc.ports.model.PtyIoctls.TIOCGPTPEER;
import static io.jrunc.ports.model.PtyIoctls.TIOCGWINSZ;
import static io.jrunc.ports.model.PtyIoctls.TIOCSPTLCK;
import static io.jrunc.ports.model.PtyIoctls.TIOCSWINSZ;

import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.PtyIoctls;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.Termios;
import io.jrunc.ports.model.WindowSize;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/** Ptys through ioctl(2): TIOCSPTLCK, TIOCGPTPEER, the window size and termios. */
final class FfmTerminals implements Terminals {
    private static final long SYS_IOCTL = FfmLibc.sysno(16, 29);

    @Override
    public int openPtyMaster() {
        int master = FfmLibc.open("/dev/ptmx", O_RDWR | FfmLibc.O_NOCTTY | FfmLibc.O_CLOEXEC, 0);
        try {
            FfmLibc.call("ioctl", "TIOCSPTLCK", (arena, state) -> {
                MemorySegment unlock = arena.allocate(JAVA_INT);
                unlock.set(JAVA_INT, 0, 0);
                return FfmLibc.syscall(state, SYS_IOCTL, master, TIOCSPTLCK, unlock.address());
            });
            return master;
        } catch (RuntimeException e) {
            FfmLibc.close(master);
            throw e;
        }
    }

    @Override
    public int openPtyPeer(int master) {
        return (int) FfmLibc.syscall("ioctl", "TIOCGPTPEER", SYS_IOCTL, master, TIOCGPTPEER,
                O_RDWR | FfmLibc.O_NOCTTY | FfmLibc.O_CLOEXEC);
    }

    @Override
    public WindowSize windowSize(int fd) {
        int[] size = new int[2];
        FfmLibc.call("ioctl", "TIOCGWINSZ", (arena, state) -> {
            MemorySegment winsize = arena.allocate(PtyIoctls.WINSIZE_SIZE, 2);
            long rc = FfmLibc.syscall(state, SYS_IOCTL, fd, TIOCGWINSZ, winsize.address());
            size[0] = Short.toUnsignedInt(winsize.get(JAVA_SHORT, 0));
            size[1] = Short.toUnsignedInt(winsize.get(JAVA_SHORT, 2));
            return rc;
        });
        return new WindowSize(size[0], size[1]);
    }

    @Override
    public void setWindowSize(int fd, WindowSize size) {
        FfmLibc.call("ioctl", "TIOCSWINSZ", (arena, state) -> {
            MemorySegment winsize = arena.allocate(PtyIoctls.WINSIZE_SIZE, 2);
            winsize.set(JAVA_SHORT, 0, (short) size.rows());
            winsize.set(JAVA_SHORT, 2, (short) size.columns());
            return FfmLibc.syscall(state, SYS_IOCTL, fd, TIOCSWINSZ, winsize.address());
        });
    }

    @Override
    public Optional<Termios> attributes(int fd) {
        byte[][] out = new byte[1][];
        try {
            FfmLibc.call("ioctl", "TCGETS", (arena, state) -> {
                MemorySegment termios = arena.allocate(Termios.SIZE, 4);
                long rc = FfmLibc.syscall(state, SYS_IOCTL, fd, TCGETS, termios.address());
                out[0] = termios.toArray(JAVA_BYTE);
                return rc;
            });
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOTTY) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new Termios(out[0]));
    }

    @Override
    public void setAttributes(int fd, Termios attributes) {
        FfmLibc.retryingOnEintr(() -> FfmLibc.call("ioctl", "TCSETS", (arena, state) -> {
            MemorySegment termios = arena.allocateFrom(JAVA_BYTE, attributes.bytes());
            return FfmLibc.syscall(state, SYS_IOCTL, fd, TCSETS, termios.address());
        }));
    }
}
