package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.util.Optional;

/**
 * libseccomp.so.2, found at first use. Its calls return a negated errno rather than setting errno.
 * A host without it gets ENOSYS from the first seccomp call, not an error when the adapter starts.
 */
final class FfmLibseccomp {
    static final String LIBRARY = "libseccomp.so.2";
    /** struct scmp_arg_cmp { unsigned int arg; enum scmp_compare op; scmp_datum_t datum_a, datum_b; }. */
    static final StructLayout ARG_CMP = MemoryLayout.structLayout(
            JAVA_INT.withName("arg"), JAVA_INT.withName("op"), JAVA_LONG.withName("datum_a"), JAVA_LONG.withName("datum_b"));

    private FfmLibseccomp() {
    }

    private static final class library {
        static final Optional<SymbolLookup> LOOKUP = find();

        @SuppressWarnings("restricted")
        private static Optional<SymbolLookup> find() {
            try {
                return Optional.of(SymbolLookup.libraryLookup(LIBRARY, Arena.global()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    static SymbolLookup lookup() {
        return library.LOOKUP.orElseThrow(() -> new SyscallException("seccomp", Errno.ENOSYS,
                LIBRARY + " not found: install libseccomp to use seccomp filters"));
    }

    static boolean available() {
        return library.LOOKUP.isPresent();
    }

    private static final class seccomp_init {
        static final FfmFunction FUNCTION = FfmFunction.of(lookup(), "seccomp_init", 1).returningLong();
    }

    private static final class seccomp_release {
        static final FfmFunction FUNCTION = FfmFunction.of(lookup(), "seccomp_release", 1);
    }

    private static final class seccomp_arch_resolve_name {
        static final FfmFunction FUNCTION = FfmFunction.of(lookup(), "seccomp_arch_resolve_name", 1);
    }

    private static final class seccomp_arch_add {
        static final FfmFunction FUNCTION = FfmFunction.of(lookup(), "seccomp_arch_add", 2);
    }

    private static final class seccomp_syscall_resolve_name {
        static final FfmFunction FUNCTION = FfmFunction.of(lookup(), "seccomp_syscall_resolve_name", 1);
    }

    private static final class seccomp_rule_add_array {
        static final FfmFunction FUNCTION = FfmFunction.of(lookup(), "seccomp_rule_add_array", 5);
    }

    private static final class seccomp_attr_set {
        static final FfmFunction FUNCTION = FfmFunction.of(lookup(), "seccomp_attr_set", 3);
    }

    private static final class seccomp_export_bpf {
        static final FfmFunction FUNCTION = FfmFunction.of(lookup(), "seccomp_export_bpf", 2);
    }

    private static final class seccomp_load {
        static final FfmFunction FUNCTION = FfmFunction.of(lookup(), "seccomp_load", 1);
    }

    /** The native context as a plain address: it is owned by libseccomp, not by any arena. */
    static long init(int defaultAction) {
        long ctx = call(seccomp_init.FUNCTION, defaultAction);
        if (ctx == 0) {
            throw new SyscallException("seccomp_init", Errno.EINVAL, "default action 0x" + Integer.toHexString(defaultAction));
        }
        return ctx;
    }

    static void release(long ctx) {
        call(seccomp_release.FUNCTION, ctx);
    }

    /** The architecture token, or 0 when libseccomp does not know the name. */
    static int resolveArch(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) call(seccomp_arch_resolve_name.FUNCTION, FfmLibc.cStringAddress(arena, name));
        }
    }

    static void addArch(long ctx, int token, String name) {
        int rc = (int) call(seccomp_arch_add.FUNCTION, ctx, token);
        // The native architecture is in every new filter already.
        if (rc != -Errno.EEXIST.code()) {
            FfmLibc.checkNegated(rc, "seccomp_arch_add", name);
        }
    }

    /** The syscall's number, or a negative value when no architecture in libseccomp knows the name. */
    /** seccomp_syscall_resolve_name's answer for a name libseccomp does not know. */
    static final int NR_SCMP_ERROR = -1;

    static int resolveSyscall(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) call(seccomp_syscall_resolve_name.FUNCTION, FfmLibc.cStringAddress(arena, name));
        }
    }

    /** One rule; each condition is {index, op, datum_a, datum_b}. */
    static void addRule(long ctx, int action, int syscall, long[][] conditions, String detail) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocate(ARG_CMP, Math.max(1, conditions.length));
            for (int i = 0; i < conditions.length; i++) {
                MemorySegment cmp = array.asSlice(i * ARG_CMP.byteSize(), ARG_CMP);
                cmp.set(JAVA_INT, 0, (int) conditions[i][0]);
                cmp.set(JAVA_INT, 4, (int) conditions[i][1]);
                cmp.set(JAVA_LONG, 8, conditions[i][2]);
                cmp.set(JAVA_LONG, 16, conditions[i][3]);
            }
            int rc = (int) call(seccomp_rule_add_array.FUNCTION, ctx, action, syscall, conditions.length,
                    array.address());
            FfmLibc.checkNegated(rc, "seccomp_rule_add", detail);
        }
    }

    static void setAttribute(long ctx, int attribute, int value) {
        int rc = (int) call(seccomp_attr_set.FUNCTION, ctx, attribute, value);
        FfmLibc.checkNegated(rc, "seccomp_attr_set", String.valueOf(attribute));
    }

    static void exportBpf(long ctx, int fd) {
        int rc = (int) call(seccomp_export_bpf.FUNCTION, ctx, fd);
        FfmLibc.checkNegated(rc, "seccomp_export_bpf", "");
    }

    static void load(long ctx) {
        int rc = (int) call(seccomp_load.FUNCTION, ctx);
        FfmLibc.checkNegated(rc, "seccomp_load", "");
    }

    /** The raw result: an int function's result is its low half, read by the caller's cast. */
    private static long call(FfmFunction function, long... args) {
        try (Arena arena = Arena.ofConfined()) {
            return function.invoke(FfmLibc.errnoState(arena), args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libseccomp call failed", t);
        }
    }
}
