package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The linker, errno capture and the one place where a failed call becomes a {@link SyscallException}; also
 * the few libc symbols that several adapters share. Each symbol is linked the first time it is used, in its
 * own holder class, the way jextract generates them.
 */
final class FfmLibc {
    static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(PathElement.groupElement("errno"));

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
            MemorySegment state = arena.allocate(CAPTURE);
            long rc = body.call(arena, state);
            return check(rc, state, syscall, detail);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(syscall + ": native call failed", t);
        }
    }

    static long check(long rc, MemorySegment errnoState, String syscall, String detail) {
        if (rc == -1) {
            throw new SyscallException(syscall, (int) ERRNO.get(errnoState, 0L), detail);
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

    /** A downcall that captures errno: its handle takes the capture segment as the first argument. */
    @SuppressWarnings("restricted") // Linking native code is what this adapter is for; launchers enable it.
    static MethodHandle errnoDowncall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(symbol(LINKER.defaultLookup(), name), descriptor, all);
    }

    /** A downcall for calls that report errors in their return value. */
    @SuppressWarnings("restricted")
    static MethodHandle plainDowncall(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(lookup, name), descriptor);
    }

    private static MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(
                () -> new SyscallException(name, Errno.ENOSYS, "symbol not found in libc"));
    }

    static MemorySegment cString(Arena arena, String s) {
        return arena.allocateFrom(s, StandardCharsets.UTF_8);
    }

    /** A NULL-terminated char* array, as execve and posix_spawn take argv and envp. */
    static MemorySegment cStringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, cString(arena, strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    static boolean isAarch64() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64");
    }

    // --- shared symbols -------------------------------------------------------------------------------

    private static final class open {
        static final MethodHandle HANDLE = errnoDowncall("open",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    }

    private static final class close {
        static final MethodHandle HANDLE = errnoDowncall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class read {
        static final MethodHandle HANDLE = errnoDowncall("read",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class write {
        static final MethodHandle HANDLE = errnoDowncall("write",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class syscall {
        static final MethodHandle HANDLE = errnoDowncall("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    private static final class prctl {
        static final MethodHandle HANDLE = errnoDowncall("prctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    static int open(String path, int flags, int mode) {
        return (int) call("open", path,
                (arena, state) -> (int) open.HANDLE.invokeExact(state, cString(arena, path), flags, mode));
    }

    static void close(int fd) {
        call("close", String.valueOf(fd), (arena, state) -> (int) close.HANDLE.invokeExact(state, fd));
    }

    /** Reads from {@code fd} until end of file, retrying when a signal interrupts. */
    static byte[] readToEnd(int fd, String detail) {
        var out = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8192);
            while (true) {
                long n = retryingOnEintr(() -> call("read", detail,
                        (a, state) -> (long) read.HANDLE.invokeExact(state, fd, buffer, buffer.byteSize())));
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
                    (a, state) -> (long) read.HANDLE.invokeExact(state, fd, buffer, (long) max)));
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
                        (a, state) -> (long) write.HANDLE.invokeExact(state, fd, rest, rest.byteSize())));
            } while (offset < content.length);
        }
    }

    /** syscall(2) with up to three arguments: for the calls glibc wraps in ways we must avoid. */
    static long syscall(String name, long number, long a, long b, long c, String detail) {
        return call(name, detail, (arena, state) -> (long) syscall.HANDLE.invokeExact(state, number, a, b, c));
    }

    static int prctl(String name, int option, long a, long b, long c, long d) {
        return (int) call("prctl", name,
                (arena, state) -> (int) prctl.HANDLE.invokeExact(state, option, a, b, c, d));
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
