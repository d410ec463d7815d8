package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.ExitStatus;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts: /proc parsing (mountinfo is MountInfoTest's, in ports), device numbers, wait statuses. */
class FfmParsingTest {
    private static final String STAT_TAIL = " 1 1234 1234 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 987654 1000 10";

    @Test
    void stat_isParsedAfterTheLastParenthesis_evenWhenCommHasSpacesAndParens() {
        FfmProcStat stat = FfmProcStat.parse("4242 (a) b ) (c) S" + STAT_TAIL);
        assertEquals('S', stat.state());
        assertEquals(987654L, stat.startTime());
        assertFalse(stat.ended());
    }

    @Test
    void stat_ofAZombie_hasEnded() {
        assertTrue(FfmProcStat.parse("7 (sh) Z" + STAT_TAIL).ended());
    }

    @Test
    void stat_withoutComm_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> FfmProcStat.parse("garbage"));
    }

    @Test
    void makedev_usesGlibcsSplitEncoding() {
        assertEquals(0x103L, FfmFilesystem.makedev(1, 3));
        assertEquals(0x8801L, FfmFilesystem.makedev(136, 1));
        assertEquals((0x1L << 44) | (0x1L << 20) | 0x234_56L,
                FfmFilesystem.makedev(0x1234, 0x1_56));
    }

    @Test
    void waitStatus_decodesExitCodesAndSignals() {
        assertEquals(ExitStatus.exited(0), FfmProcesses.decodeWaitStatus(0));
        assertEquals(ExitStatus.exited(3), FfmProcesses.decodeWaitStatus(3 << 8));
        assertEquals(ExitStatus.killed(9), FfmProcesses.decodeWaitStatus(9));
        assertEquals(ExitStatus.killed(11), FfmProcesses.decodeWaitStatus(0x80 | 11), "core dumped");
    }

    @Test
    void capWords_splitCapabilitiesIntoTheirTwo32BitWords() {
        assertEquals(0b100001, FfmCredentials.capWord(Set.of(0, 5, 33), 0));
        assertEquals(0b10, FfmCredentials.capWord(Set.of(0, 5, 33), 1));
    }

    @Test
    void procFsPaths_useThreadSelfForLsmAttributesOnly() {
        assertEquals("/proc/self/oom_score_adj", FfmProcFs.path(0, "oom_score_adj"));
        assertEquals("/proc/thread-self/attr/exec", FfmProcFs.path(0, "attr/exec"));
        assertEquals("/proc/42/attr/exec", FfmProcFs.path(42, "attr/exec"));
    }
}
