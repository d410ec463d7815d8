package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Errno capture and the one place where a failed call becomes a {@link SyscallException}; also the few libc
 * functions that several adapters share. Each function ({@link FfmFunction}) is linked the first time it is
 * used, in its own holder class named after it, the way jextract generates them.
 */
final class FfmLibc {
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = errnoOffset();

    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_CLOEXEC = 02000000;
    static final int O_NOCTTY = 0400;
    static final int O_PATH = 010000000;

    private FfmLibc() {
    }

    /** A native call that gets an arena for its arguments and the errno capture segment. */
    @FunctionalInterface
    interface NativeCall {
        long call(Arena arena, MemorySegment errnoState) throws Throwable;
    }

    /** Runs {@code body} and turns -1/errno into a {@link SyscallException}; returns the call's result. */
    static long call(String syscall, String detail, NativeCall body) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = errnoState(arena);
            long rc = body.call(arena, state);
            return check(rc, state, syscall, detail);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(syscall + ": native call failed", t);
        }
    }

    /**
     * errno's place in the call state, summed from the members before it: a var handle or a byte offset for a
     * layout path sets up method-handle code at every start (≈8 ms here), which the start-up cache does not hold.
     */
    private static long errnoOffset() {
        long offset = 0;
        for (MemoryLayout member : CAPTURE.memberLayouts()) {
            if (member.name().filter("errno"::equals).isPresent()) {
                return offset;
            }
            offset += member.byteSize();
        }
        throw new IllegalStateException("the linker captures no errno: " + CAPTURE);
    }

    /** Where a {@link FfmFunction} leaves errno, for callers that read errors from the result instead. */
    static MemorySegment errnoState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static long check(long rc, MemorySegment errnoState, String syscall, String detail) {
        if (rc == -1) {
            throw new SyscallException(syscall, errnoState.get(JAVA_INT, ERRNO_OFFSET), detail);
        }
        return rc;
    }

    /** For the calls that return the error number instead of setting errno (posix_spawn and its helpers). */
    static void checkReturned(int rc, String call, String detail) {
        if (rc != 0) {
            throw new SyscallException(call, rc, detail);
        }
    }

    /** For the calls that return a negated errno (libseccomp). */
    static void checkNegated(int rc, String call, String detail) {
        if (rc < 0) {
            throw new SyscallException(call, -rc, detail);
        }
    }

    static MemorySegment cString(Arena arena, String s) {
        return arena.allocateFrom(s, StandardCharsets.UTF_8);
    }

    /** A C string in the arena, as the address a {@link FfmFunction} takes. */
    static long cStringAddress(Arena arena, String s) {
        return cString(arena, s).address();
    }

    /**
     * A NULL-terminated char* array, as execve and posix_spawn take argv and envp. The pointers are copied in as
     * 64-bit words (the pointer size of both architectures this backend knows) from a long[], not set through
     * the ADDRESS layout, whose var handle is built from method-handle code generated at every start (≈7 ms).
     */
    static MemorySegment cStringArray(Arena arena, List<String> strings) {
        long[] pointers = new long[strings.size() + 1]; // the last one stays 0: NULL
        for (int i = 0; i < strings.size(); i++) {
            pointers[i] = cString(arena, strings.get(i)).address();
        }
        MemorySegment array = arena.allocate(JAVA_LONG, pointers.length);
        MemorySegment.copy(pointers, 0, array, JAVA_LONG, 0, pointers.length);
        return array;
    }

    static boolean isAarch64() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64");
    }

    /** A system call's number on this machine: this backend knows those of x86-64 and AArch64. */
    static long sysno(long x86_64, long aarch64) {
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return x86_64;
        }
        if (isAarch64()) {
            return aarch64;
        }
        throw new IllegalStateException("the FFM backend knows the system call numbers of x86-64 and aarch64,"
                + " not of " + arch + ": use --backend jna");
    }

    static final long SYS_OPENAT = sysno(257, 56);
    static final long SYS_PRCTL = sysno(157, 167);
    private static final int AT_FDCWD = -100;

    // --- shared symbols -------------------------------------------------------------------------------

    private static final class close {
        static final FfmFunction FUNCTION = FfmFunction.of("close", 1);
    }

    private static final class read {
        static final FfmFunction FUNCTION = FfmFunction.of("read", 3).returningLong();
    }

    private static final class write {
        static final FfmFunction FUNCTION = FfmFunction.of("write", 3).returningLong();
    }

    /**
     * syscall(2): the number, then up to five arguments, as {@link FfmFunction} explains. The system calls
     * whose glibc wrappers are variadic (open, ioctl, prctl) or that other adapters share go through it.
     */
    private static final class syscall {
        static final FfmFunction FUNCTION = FfmFunction.of("syscall", 6).returningLong();
    }

    static int open(String path, int flags, int mode) {
        return (int) call("open", path, (arena, state) -> syscall.FUNCTION.invoke(state, SYS_OPENAT, AT_FDCWD,
                cStringAddress(arena, path), flags, mode, 0));
    }

    private static final long SYS_MEMFD_CREATE = sysno(319, 279);
    private static final long SYS_LSEEK = sysno(8, 62);
    private static final int MFD_CLOEXEC = 1;

    /** memfd_create(2), close-on-exec: a file in memory for a library that writes to an fd. */
    static int memfd(String name) {
        return (int) call("memfd_create", name, (arena, state) -> syscall(state, SYS_MEMFD_CREATE,
                cStringAddress(arena, name), MFD_CLOEXEC));
    }

    /** lseek(fd, 0, SEEK_SET). */
    static void rewind(int fd) {
        syscall("lseek", String.valueOf(fd), SYS_LSEEK, fd, 0, 0);
    }

    static void close(int fd) {
        call("close", String.valueOf(fd), (arena, state) -> close.FUNCTION.invoke(state, fd));
    }

    /** Reads from {@code fd} until end of file, retrying when a signal interrupts. */
    static byte[] readToEnd(int fd, String detail) {
        var out = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8192);
            while (true) {
                long n = retryingOnEintr(() -> call("read", detail,
                        (a, state) -> read.FUNCTION.invoke(state, fd, buffer.address(), buffer.byteSize())));
                if (n == 0) {
                    return out.toByteArray();
                }
                out.write(buffer.asSlice(0, n).toArray(JAVA_BYTE), 0, (int) n);
            }
        }
    }

    /** One read(2) of at most {@code max} bytes, retried when a signal interrupts; empty at end of file. */
    static byte[] readOnce(int fd, int max, String detail) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, max));
            long n = retryingOnEintr(() -> call("read", detail,
                    (a, state) -> read.FUNCTION.invoke(state, fd, buffer.address(), max)));
            return buffer.asSlice(0, n).toArray(JAVA_BYTE);
        }
    }

    static void writeFully(int fd, byte[] content, String detail) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, content);
            long offset = 0;
            // One write(2) for small content: a /proc or cgroup file takes its value in a single write.
            do {
                MemorySegment rest = buffer.asSlice(offset);
                offset += retryingOnEintr(() -> call("write", detail,
                        (a, state) -> write.FUNCTION.invoke(state, fd, rest.address(), rest.byteSize())));
            } while (offset < content.length);
        }
    }

    /** syscall(2) with up to five arguments; errors are reported as {@code name} with {@code detail}. */
    static long syscall(String name, String detail, long number, long... args) {
        return call(name, detail, (arena, state) -> syscall(state, number, args));
    }

    /** Within a {@link #call}, when the arguments need the call's arena. */
    static long syscall(MemorySegment errnoState, long number, long... args) throws Throwable {
        if (args.length > 5) {
            throw new IllegalArgumentException("syscall " + number + ": more than five arguments");
        }
        long[] all = new long[6];
        all[0] = number;
        System.arraycopy(args, 0, all, 1, args.length);
        return syscall.FUNCTION.invoke(errnoState, all);
    }

    static int prctl(String name, int option, long a, long b, long c, long d) {
        return (int) call("prctl", name,
                (arena, state) -> syscall.FUNCTION.invoke(state, SYS_PRCTL, option, a, b, c, d));
    }

    /** Repeats a call that a signal interrupted (EINTR), as blocking reads, writes and waits can be. */
    static <T> T retryingOnEintr(Supplier<T> call) {
        while (true) {
            try {
                return call.get();
            } catch (SyscallException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
    }
}
