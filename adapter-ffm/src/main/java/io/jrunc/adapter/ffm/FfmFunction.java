package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * A C function linked in one of a few call shapes: every argument a 64-bit integer (an int, a flag word, a
 * pointer's address), a 64-bit result, errno captured right after the call.
 *
 * <p>Why shapes and not each function's own prototype: the FFM API generates and loads code per distinct
 * shape (a downcall stub and its lambda forms) the first time one is linked, about 4 ms each in a cold JVM,
 * and the CLI is a short-lived process that pays it at every start. With every prototype spelled out, 22
 * shapes made linking a tenth of `run`; now there is one per arity. The C ABIs this runtime runs on (Linux
 * x86-64 SysV and AArch64) pass each integer or pointer argument in a 64-bit register or stack slot, of which
 * an int parameter reads the low half, and return an int in the low half of the result register: so an
 * int goes in as a long, and the result of a function declared {@code int} (the default here) is the low
 * half of the long, sign-extended; {@link #returningLong} is for those that return a long, an ssize_t or a
 * pointer.
 */
record FfmFunction(String name, int arity, MethodHandle handle, boolean returnsInt) {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

    /** libc's {@code name}, taking {@code arity} arguments and returning an int. */
    static FfmFunction of(String name, int arity) {
        return link(LINKER.defaultLookup(), name, arity, ERRNO);
    }

    /** {@code name} from another library. */
    static FfmFunction of(SymbolLookup library, String name, int arity) {
        return link(library, name, arity, ERRNO);
    }

    /**
     * A variadic function, called with {@code fixed} named arguments and the rest variadic: more variadic
     * arguments than the function reads are allowed in C, so one shape serves, e.g., prctl and syscall.
     */
    static FfmFunction variadic(String name, int fixed, int arity) {
        return link(LINKER.defaultLookup(), name, arity, ERRNO, Linker.Option.firstVariadicArg(fixed));
    }

    @SuppressWarnings("restricted") // Linking native code is what this adapter is for; launchers enable it.
    private static FfmFunction link(SymbolLookup library, String name, int arity, Linker.Option... options) {
        MemorySegment symbol = library.find(name).orElseThrow(
                () -> new SyscallException(name, Errno.ENOSYS, "symbol not found"));
        MemoryLayout[] arguments = new MemoryLayout[arity];
        Arrays.fill(arguments, JAVA_LONG);
        return new FfmFunction(name, arity,
                LINKER.downcallHandle(symbol, FunctionDescriptor.of(JAVA_LONG, arguments), options), true);
    }

    /** The same function, declared to return a long, an ssize_t or a pointer: its result is taken whole. */
    FfmFunction returningLong() {
        return new FfmFunction(name, arity, handle, false);
    }

    /**
     * Calls the function; {@code errnoState} receives errno ({@link FfmLibc#call} allocates and reads it).
     * An int result comes back sign-extended, so -1 is -1.
     */
    long invoke(MemorySegment errnoState, long... args) throws Throwable {
        if (args.length != arity) {
            throw new IllegalArgumentException(name + " takes " + arity + " arguments, not " + args.length);
        }
        long result = call(errnoState, args);
        return returnsInt ? (int) result : result;
    }

    /** One call site per arity, so the JVM links an invoker per arity, not per function. */
    private long call(MemorySegment errnoState, long[] args) throws Throwable {
        return switch (arity) {
            case 0 -> (long) handle.invokeExact(errnoState);
            case 1 -> (long) handle.invokeExact(errnoState, args[0]);
            case 2 -> (long) handle.invokeExact(errnoState, args[0], args[1]);
            case 3 -> (long) handle.invokeExact(errnoState, args[0], args[1], args[2]);
            case 4 -> (long) handle.invokeExact(errnoState, args[0], args[1], args[2], args[3]);
            case 5 -> (long) handle.invokeExact(errnoState, args[0], args[1], args[2], args[3], args[4]);
            case 6 -> (long) handle.invokeExact(errnoState, args[0], args[1], args[2], args[3], args[4], args[5]);
            default -> throw new IllegalArgumentException(name + ": more than six arguments");
        };
    }
}
