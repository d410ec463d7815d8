package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.PassedFd;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.Termios;
import io.jrunc.ports.model.WindowSize;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Ptys and fd passing through raw system calls (LP64 layouts of struct msghdr, cmsghdr, sockaddr_un). */
final class FfmTerminals implements Terminals {
    private static final long SYS_SOCKET = FfmLibc.sysno(41, 198);
    private static final long SYS_CONNECT = FfmLibc.sysno(42, 203);
    private static final long SYS_SENDMSG = FfmLibc.sysno(46, 211);
    private static final long SYS_RECVMSG = FfmLibc.sysno(47, 212);
    private static final long SYS_IOCTL = FfmLibc.sysno(16, 29);

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

    @Override
    public int connectUnix(String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH) {
            throw new SyscallException("connect", Errno.EINVAL, path);
        }
        int socket = (int) FfmLibc.syscall("socket", "AF_UNIX", SYS_SOCKET, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        try {
            FfmLibc.call("connect", path, (arena, state) -> {
                MemorySegment address = arena.allocate(2 + SUN_PATH);
                address.set(JAVA_SHORT, 0, (short) AF_UNIX);
                MemorySegment.copy(name, 0, address, JAVA_BYTE, 2, name.length);
                return FfmLibc.syscall(state, SYS_CONNECT, socket, address.address(), 2 + name.length + 1);
            });
            return socket;
        } catch (RuntimeException e) {
            FfmLibc.close(socket);
            throw e;
        }
    }

    @Override
    public void sendFd(int socket, String name, int fd) {
        byte[] payload = name.getBytes(StandardCharsets.UTF_8);
        FfmLibc.retryingOnEintr(() -> FfmLibc.call("sendmsg", "fd " + socket, (arena, state) -> {
            MemorySegment data = arena.allocate(Math.max(1, payload.length));
            MemorySegment.copy(payload, 0, data, JAVA_BYTE, 0, payload.length);
            MemorySegment control = arena.allocate(24, 8);
            control.set(JAVA_LONG, 0, 20); // CMSG_LEN(sizeof(int))
            control.set(JAVA_INT, 8, SOL_SOCKET);
            control.set(JAVA_INT, 12, SCM_RIGHTS);
            control.set(JAVA_INT, 16, fd);
            MemorySegment message = message(arena, data, payload.length, control, 24);
            return FfmLibc.syscall(state, SYS_SENDMSG, socket, message.address(), MSG_NOSIGNAL);
        }));
    }

    @Override
    public Optional<PassedFd> receiveFd(int socket) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(MAX_NAME);
            // Room for a few fds: a sender that passes more has each closed here rather than leaked.
            MemorySegment control = arena.allocate(64, 8);
            MemorySegment message = message(arena, data, MAX_NAME, control, 64);
            long n = FfmLibc.retryingOnEintr(() -> FfmLibc.call("recvmsg", "fd " + socket, (a, state) ->
                    FfmLibc.syscall(state, SYS_RECVMSG, socket, message.address(), MSG_CMSG_CLOEXEC)));
            long controlLength = message.get(JAVA_LONG, 40);
            int received = -1;
            for (long at = 0; at + 16 <= controlLength; ) {
                long length = control.get(JAVA_LONG, at);
                if (length < 16) {
                    break;
                }
                if (control.get(JAVA_INT, at + 8) == SOL_SOCKET && control.get(JAVA_INT, at + 12) == SCM_RIGHTS) {
                    for (long f = at + 16; f + 4 <= at + length; f += 4) {
                        int fd = control.get(JAVA_INT, f);
                        if (received < 0) {
                            received = fd;
                        } else {
                            FfmLibc.close(fd);
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
            return Optional.of(new PassedFd(received,
                    new String(data.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8)));
        }
    }

    /** struct msghdr with one iovec: no name, the control buffer given. */
    private static MemorySegment message(Arena arena, MemorySegment data, long length, MemorySegment control,
                                         long controlLength) {
        MemorySegment iov = arena.allocate(16, 8);
        iov.set(JAVA_LONG, 0, data.address());
        iov.set(JAVA_LONG, 8, length);
        MemorySegment message = arena.allocate(56, 8);
        message.set(JAVA_LONG, 16, iov.address());
        message.set(JAVA_LONG, 24, 1);
        message.set(JAVA_LONG, 32, control.address());
        message.set(JAVA_LONG, 40, controlLength);
        return message;
    }

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
            MemorySegment winsize = arena.allocate(8, 2);
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
            MemorySegment winsize = arena.allocate(8, 2);
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
