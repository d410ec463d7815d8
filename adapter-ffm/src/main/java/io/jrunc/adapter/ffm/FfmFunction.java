package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * A C function linked in the one call shape of this backend: six 64-bit integer arguments (an int, a flag
 * word, a pointer's address), a 64-bit result, errno captured right after the call.
 *
 * <p>Why one shape and not each function's own prototype: the FFM API generates and loads code per distinct
 * shape (a downcall stub and its lambda forms) the first time one is linked, several milliseconds each in a
 * cold JVM, and the CLI is a short-lived process that pays it at every start. With every prototype spelled
 * out, 22 shapes made linking a tenth of `run`. The C ABIs this backend runs on (Linux x86-64 SysV and
 * AArch64) pass the first six integer or pointer arguments in 64-bit registers, of which an int parameter
 * reads the low half, and the callee reads only the registers of the parameters it declares: so an int goes
 * in as a long, a function of fewer arguments is called with zeros in the registers it ignores, and the
 * result of a function declared {@code int} (the default here) is the low half of the long, sign-extended;
 * {@link #returningLong} is for those that return a long, an ssize_t or a pointer. Variadic functions are not
 * linked here: syscall(2) is, since glibc writes it in assembly that moves registers into the kernel's (it
 * reads no variadic list, so the register count a variadic call passes in %al on x86-64 is never looked at),
 * and every other variadic call (prctl, open, ioctl, ...) goes through it. That is glibc's: a C library whose
 * syscall(2) is C (musl's) would need it linked as variadic again.
 */
record FfmFunction(String name, int arity, MemorySegment symbol, boolean returnsInt) {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final int SHAPE_ARITY = 6;
    private static final FunctionDescriptor SHAPE = FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    /** The shape linked once, without an address: each call passes its function's, no handle is bound per function. */
    @SuppressWarnings("restricted") // Linking native code is what this adapter is for; launchers enable it.
    private static final MethodHandle SHAPED = LINKER.downcallHandle(SHAPE, Linker.Option.captureCallState("errno"));

    /** libc's {@code name}, taking {@code arity} integer or pointer arguments (at most six), returning an int. */
    static FfmFunction of(String name, int arity) {
        return of(LINKER.defaultLookup(), name, arity);
    }

    /** {@code name} from another library. */
    static FfmFunction of(SymbolLookup library, String name, int arity) {
        if (arity < 0 || arity > SHAPE_ARITY) {
            throw new IllegalArgumentException(name + ": " + arity + " arguments; this shape takes 0 to 6");
        }
        MemorySegment symbol = library.find(name).orElseThrow(
                () -> new SyscallException(name, Errno.ENOSYS, "symbol not found"));
        return new FfmFunction(name, arity, symbol, true);
    }

    /** The same function, declared to return a long, an ssize_t or a pointer: its result is taken whole. */
    FfmFunction returningLong() {
        return new FfmFunction(name, arity, symbol, false);
    }

    /**
     * Calls the function with its {@code arity} arguments; {@code errnoState} receives errno
     * ({@link FfmLibc#call} allocates and reads it). An int result comes back sign-extended, so -1 is -1.
     */
    long invoke(MemorySegment errnoState, long... args) throws Throwable {
        if (args.length != arity) {
            throw new IllegalArgumentException(name + " takes " + arity + " arguments, not " + args.length);
        }
        long[] a = args.length == SHAPE_ARITY ? args : Arrays.copyOf(args, SHAPE_ARITY);
        long result = (long) SHAPED.invokeExact(symbol, errnoState, a[0], a[1], a[2], a[3], a[4], a[5]);
        return returnsInt ? (int) result : result;
    }
}
