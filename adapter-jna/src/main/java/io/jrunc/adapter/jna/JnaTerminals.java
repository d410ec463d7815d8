package io.jrunc.adapter.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.PassedFd;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.Termios;
import io.jrunc.ports.model.WindowSize;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Ptys and fd passing through syscall(2) with native buffers (LP64 layouts of struct msghdr, cmsghdr,
 * sockaddr_un), so no structure class is needed.
 */
final class JnaTerminals implements Terminals {
    private static final boolean AARCH64 = isAarch64();
    private static final long SYS_SOCKET = AARCH64 ? 198 : 41;
    private static final long SYS_CONNECT = AARCH64 ? 203 : 42;
    private static final long SYS_SENDMSG = AARCH64 ? 211 : 46;
    private static final long SYS_RECVMSG = AARCH64 ? 212 : 47;
    private static final long SYS_IOCTL = AARCH64 ? 29 : 16;

    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int SUN_PATH = 108;
    /** runc's utils.MaxNameLen: the payload that names the file. */
    private static final int MAX_NAME = 4096;

    // asm-generic ioctls, the same on x86-64 and AArch64
    private static final long TCGETS = 0x5401;
    private static final long TCSETS = 0x5402;
    private static final long TIOCGWINSZ = 0x5413;
    private static final long TIOCSWINSZ = 0x5414;
    private static final long TIOCSPTLCK = 0x40045431L;
    private static final long TIOCGPTPEER = 0x5441;
    private static final int O_RDWR = 2;

    private static boolean isAarch64() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64");
    }

    private static long syscall(String name, String detail, long number, long a1, long a2, long a3) {
        return JnaCheck.callLong(name, detail, () -> JnaLibc.INSTANCE.syscall(number, a1, a2, a3));
    }

    private static long address(Memory memory) {
        return Pointer.nativeValue(memory);
    }

    @Override
    public int connectUnix(String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH) {
            throw new SyscallException("connect", Errno.EINVAL, path);
        }
        int socket = (int) syscall("socket", "AF_UNIX", SYS_SOCKET, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        try {
            Memory address = new Memory(2 + SUN_PATH);
            address.clear();
            address.setShort(0, (short) AF_UNIX);
            address.write(2, name, 0, name.length);
            syscall("connect", path, SYS_CONNECT, socket, address(address), 2 + name.length + 1);
            Reference.reachabilityFence(address);
            return socket;
        } catch (RuntimeException e) {
            JnaLibc.INSTANCE.close(socket);
            throw e;
        }
    }

    @Override
    public void sendFd(int socket, String name, int fd) {
        byte[] payload = name.getBytes(StandardCharsets.UTF_8);
        Memory data = new Memory(Math.max(1, payload.length));
        data.write(0, payload, 0, payload.length);
        Memory control = new Memory(24);
        control.clear();
        control.setLong(0, 20); // CMSG_LEN(sizeof(int))
        control.setInt(8, SOL_SOCKET);
        control.setInt(12, SCM_RIGHTS);
        control.setInt(16, fd);
        Memory iov = new Memory(16);
        Memory message = message(iov, data, payload.length, control, 24);
        syscall("sendmsg", "fd " + socket, SYS_SENDMSG, socket, address(message), MSG_NOSIGNAL);
        // The kernel read them by address: none may be freed before the call returns.
        Reference.reachabilityFence(data);
        Reference.reachabilityFence(control);
        Reference.reachabilityFence(iov);
        Reference.reachabilityFence(message);
    }

    @Override
    public Optional<PassedFd> receiveFd(int socket) {
        Memory data = new Memory(MAX_NAME);
        // Room for a few fds: a sender that passes more has each closed here rather than leaked.
        Memory control = new Memory(64);
        control.clear();
        Memory iov = new Memory(16);
        Memory message = message(iov, data, MAX_NAME, control, 64);
        long n = syscall("recvmsg", "fd " + socket, SYS_RECVMSG, socket, address(message), MSG_CMSG_CLOEXEC);
        Reference.reachabilityFence(iov);
        long controlLength = message.getLong(40);
        int received = -1;
        for (long at = 0; at + 16 <= controlLength; ) {
            long length = control.getLong(at);
            if (length < 16) {
                break;
            }
            if (control.getInt(at + 8) == SOL_SOCKET && control.getInt(at + 12) == SCM_RIGHTS) {
                for (long f = at + 16; f + 4 <= at + length; f += 4) {
                    int fd = control.getInt(f);
                    if (received < 0) {
                        received = fd;
                    } else {
                        JnaLibc.INSTANCE.close(fd);
                    }
                }
            }
            at += (length + 7) & ~7L;
        }
        if (received < 0) {
            if (n == 0) {
                return Optional.empty();
            }
            throw new SyscallException("recvmsg", Errno.EINVAL, "fd " + socket + ": a message without an fd");
        }
        return Optional.of(new PassedFd(received, new String(data.getByteArray(0, (int) n), StandardCharsets.UTF_8)));
    }

    /** struct msghdr with one iovec: no name, the control buffer given. */
    private static Memory message(Memory iov, Memory data, long length, Memory control, long controlLength) {
        iov.setLong(0, address(data));
        iov.setLong(8, length);
        Memory message = new Memory(56);
        message.clear();
        message.setLong(16, address(iov));
        message.setLong(24, 1);
        message.setLong(32, address(control));
        message.setLong(40, controlLength);
        return message;
    }

    @Override
    public int openPtyMaster() {
        int master = JnaCheck.call("open", "/dev/ptmx",
                () -> JnaLibc.INSTANCE.open("/dev/ptmx", O_RDWR | JnaLibc.O_NOCTTY | JnaLibc.O_CLOEXEC, 0));
        try {
            Memory unlock = new Memory(4);
            unlock.setInt(0, 0);
            syscall("ioctl", "TIOCSPTLCK", SYS_IOCTL, master, TIOCSPTLCK, address(unlock));
            Reference.reachabilityFence(unlock);
            return master;
        } catch (RuntimeException e) {
            JnaLibc.INSTANCE.close(master);
            throw e;
        }
    }

    @Override
    public int openPtyPeer(int master) {
        return (int) syscall("ioctl", "TIOCGPTPEER", SYS_IOCTL, master, TIOCGPTPEER,
                O_RDWR | JnaLibc.O_NOCTTY | JnaLibc.O_CLOEXEC);
    }

    @Override
    public WindowSize windowSize(int fd) {
        Memory winsize = new Memory(8);
        syscall("ioctl", "TIOCGWINSZ", SYS_IOCTL, fd, TIOCGWINSZ, address(winsize));
        return new WindowSize(Short.toUnsignedInt(winsize.getShort(0)), Short.toUnsignedInt(winsize.getShort(2)));
    }

    @Override
    public void setWindowSize(int fd, WindowSize size) {
        Memory winsize = new Memory(8);
        winsize.clear();
        winsize.setShort(0, (short) size.rows());
        winsize.setShort(2, (short) size.columns());
        syscall("ioctl", "TIOCSWINSZ", SYS_IOCTL, fd, TIOCSWINSZ, address(winsize));
        Reference.reachabilityFence(winsize);
    }

    @Override
    public Optional<Termios> attributes(int fd) {
        Memory termios = new Memory(Termios.SIZE);
        try {
            syscall("ioctl", "TCGETS", SYS_IOCTL, fd, TCGETS, address(termios));
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
        syscall("ioctl", "TCSETS", SYS_IOCTL, fd, TCSETS, address(termios));
        Reference.reachabilityFence(termios);
    }
}
