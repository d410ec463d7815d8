package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** readIfExists reads through java.nio, and falls back to the native calls for any error but ENOENT. */
class FfmFileIoTest {
    @Test
    void aProcFileReadsWholeThoughItsSizeIsZero() {
        String stat = FfmFileIo.readIfExists("/proc/self/stat").orElseThrow();
        assertTrue(stat.startsWith(ProcessHandle.current().pid() + " ("), stat);
        assertTrue(FfmFileIo.readIfExists("/proc/self/mountinfo").orElseThrow().lines().count() > 1);
    }

    @Test
    void aMissingFileIsEmpty() {
        assertEquals(Optional.empty(), FfmFileIo.readIfExists("/proc/self/no-such-file"));
    }

    @Test
    void anyOtherFailureKeepsItsErrno() {
        SyscallException e = assertThrows(SyscallException.class, () -> FfmFileIo.readIfExists("/"));
        assertEquals(Errno.EISDIR, e.errno(), e.getMessage());
        SyscallException notDir = assertThrows(SyscallException.class,
                () -> FfmFileIo.readIfExists("/proc/self/stat/x"));
        assertEquals(Errno.ENOTDIR, notDir.errno(), notDir.getMessage());
    }
}
