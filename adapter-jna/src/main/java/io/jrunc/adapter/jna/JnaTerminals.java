package io.jrunc.adapter.jna;

import static io.jrunc.ports.model.PtyIoctls.O_RDWR;
import static io.jrunc.ports.model.PtyIoctls.TCGETS;
import static io.jrunc.ports.model.PtyIoctls.TCSETS;
import static io.jrunc.ports.model.PtyIoctls.TIOCGPTPEER;
import static io.jrunc.ports.model.PtyIoctls.TIOCGWINSZ;
import static io.jrunc.ports.model.PtyIoctls.TIOCSPTLCK;
import static io.jrunc.ports.model.PtyIoctls.TIOCSWINSZ;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.PtyIoctls;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.Termios;
import io.jrunc.ports.model.WindowSize;
import java.lang.ref.Reference;
import java.util.Optional;

/** Ptys through ioctl(2) by syscall(2) with native buffers: TIOCSPTLCK, TIOCGPTPEER, the window size, termios. */
final class JnaTerminals implements Terminals {
    private static long ioctl(String request, long fd, long code, long argument) {
        long number = JnaSyscallNumbers.IOCTL.number();
        return JnaCheck.callLong("ioctl", request, () -> JnaLibc.INSTANCE.syscall(number, fd, code, argument));
    }

    private static long address(Memory memory) {
        return Pointer.nativeValue(memory);
    }

    @Override
    public int openPtyMaster() {
        int master = JnaCheck.call("open", "/dev/ptmx",
                () -> JnaLibc.INSTANCE.open("/dev/ptmx", O_RDWR | JnaLibc.O_NOCTTY | JnaLibc.O_CLOEXEC, 0));
        try {
            Memory unlock = new Memory(4);
            unlock.setInt(0, 0);
            ioctl("TIOCSPTLCK", master, TIOCSPTLCK, address(unlock));
            Reference.reachabilityFence(unlock);
            return master;
        } catch (RuntimeException e) {
            JnaLibc.INSTANCE.close(master);
            throw e;
        }
    }

    @Override
    public int openPtyPeer(int master) {
        return (int) ioctl("TIOCGPTPEER", master, TIOCGPTPEER,
                O_RDWR | JnaLibc.O_NOCTTY | JnaLibc.O_CLOEXEC);
    }

    @Override
    public WindowSize windowSize(int fd) {
        Memory winsize = new Memory(PtyIoctls.WINSIZE_SIZE);
        ioctl("TIOCGWINSZ", fd, TIOCGWINSZ, address(winsize));
        return new WindowSize(Short.toUnsignedInt(winsize.getShort(0)), Short.toUnsignedInt(winsize.getShort(2)));
    }

    @Override
    public void setWindowSize(int fd, WindowSize size) {
        Memory winsize = new Memory(PtyIoctls.WINSIZE_SIZE);
        winsize.clear();
        winsize.setShort(0, (short) size.rows());
        winsize.setShort(2, (short) size.columns());
        ioctl("TIOCSWINSZ", fd, TIOCSWINSZ, address(winsize));
        Reference.reachabilityFence(winsize);
    }

    @Override
    public Optional<Termios> attributes(int fd) {
        Memory termios = new Memory(Termios.SIZE);
        try {
            ioctl("TCGETS", fd, TCGETS, address(termios));
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOTTY) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new Termios(termios.getByteArray(0, Termios.SIZE)));
    }

    @Override
    public void setAttributes(int fd, Termios attributes) {
        byte[] bytes = attributes.bytes();
        Memory termios = new Memory(bytes.length);
        termios.write(0, bytes, 0, bytes.length);
        ioctl("TCSETS", fd, TCSETS, address(termios));
        Reference.reachabilityFence(termios);
    }
}
