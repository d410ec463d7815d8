package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/**
 * The call-shape rules: ints go in as longs, fewer arguments than the shape's six are zeros the callee
 * ignores, an int result comes back sign-extended, a long one whole.
 */
class FfmFunctionTest {
    private static long call(FfmFunction function, Arena arena, long... args) throws Throwable {
        return function.invoke(FfmLibc.errnoState(arena), args);
    }

    @Test
    void aNegativeIntResultIsSignExtended() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            // Read whole, an int -7 in the result register could be 4294967289 (x86-64 zero-extends eax).
            assertEquals(-7, call(FfmFunction.of("atoi", 1), arena, FfmLibc.cStringAddress(arena, "-7")));
        }
    }

    @Test
    void aLongResultIsTakenWhole() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            FfmFunction strtol = FfmFunction.of("strtol", 3).returningLong();
            assertEquals(-9_000_000_000L, call(strtol, arena, FfmLibc.cStringAddress(arena, "-9000000000"), 0, 10));
        }
    }

    @Test
    void aNegativeIntArgumentReachesTheFunctionAsThatInt() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(5, call(FfmFunction.of("abs", 1), arena, -5));
        }
    }

    @Test
    void aFailedCallIsMinusOneWithErrno() {
        SyscallException e = assertThrows(SyscallException.class, () -> FfmLibc.close(-1));
        assertEquals(Errno.EBADF, e.errno());
    }

    @Test
    void theWrongNumberOfArgumentsIsRefusedBeforeTheCall() {
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class, () -> call(FfmFunction.of("abs", 1), arena, 1, 2));
        }
    }

    @Test
    void systemCallNumbersAreThisMachinesAndAnotherArchitectureIsRefused() throws Throwable {
        assertEquals(java.lang.ProcessHandle.current().pid(), FfmLibc.syscall("getpid", "", FfmLibc.sysno(39, 172)));
        String arch = System.getProperty("os.arch");
        try {
            System.setProperty("os.arch", "riscv64");
            var e = assertThrows(IllegalStateException.class, () -> FfmLibc.sysno(39, 172));
            assertTrue(e.getMessage().contains("riscv64"), e.getMessage());
        } finally {
            System.setProperty("os.arch", arch);
        }
    }

    @Test
    void moreArgumentsThanTheShapeHasAreRefusedAtLinkTime() {
        assertThrows(IllegalArgumentException.class, () -> FfmFunction.of("abs", 7));
    }

    @Test
    void prctlGoesThroughSyscallWithItsResultAndItsErrno() throws Exception {
        // PR_GET_NO_NEW_PRIVS: whatever it is for this thread, /proc says the same.
        assertEquals(noNewPrivsFromProc(), FfmLibc.prctl("PR_GET_NO_NEW_PRIVS", 39, 0, 0, 0, 0));
        SyscallException e = assertThrows(SyscallException.class,
                () -> FfmLibc.prctl("no such option", 0x7fff_0000, 0, 0, 0, 0));
        assertEquals(Errno.EINVAL, e.errno());
    }

    private static int noNewPrivsFromProc() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/thread-self/status"))) {
            if (line.startsWith("NoNewPrivs:")) {
                return Integer.parseInt(line.substring("NoNewPrivs:".length()).trim());
            }
        }
        throw new AssertionError("no NoNewPrivs in /proc/thread-self/status");
    }

    @Test
    void aMissingSymbolIsEnosys() {
        SyscallException e = assertThrows(SyscallException.class, () -> FfmFunction.of("no_such_function_here", 0));
        assertEquals(Errno.ENOSYS, e.errno());
    }
}
