package io.jrunc.adapter.jna;

import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts: the encodings and parsers between Java values and the kernel's. */
class JnaDecodingTest {
    @Test
    void procStatIsReadAfterTheLastParenthesisOfTheCommandName() {
        String stat = "42 (a) (b) c) Z 1 42 42 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 123456 0 0";

        JnaProcStat parsed = JnaProcStat.parse(stat).orElseThrow();

        assertEquals('Z', parsed.state());
        assertEquals(123456L, parsed.startTime());
        assertFalse(parsed.running());
        assertTrue(JnaProcStat.parse("garbage").isEmpty());
    }

    @Test
    void waitStatusDecodesExitCodesAndSignals() {
        assertEquals(ExitStatus.exited(0), JnaProcesses.decode(0));
        assertEquals(ExitStatus.exited(7), JnaProcesses.decode(7 << 8));
        assertEquals(ExitStatus.killed(9), JnaProcesses.decode(9));
        assertEquals(ExitStatus.killed(11), JnaProcesses.decode(11 | 0x80)); // core dumped
    }

    @Test
    void makedevMatchesGlibc() {
        assertEquals(0x103L, JnaDevices.makedev(1, 3));
        assertEquals(0x67812345L, JnaDevices.makedev(0x123, 0x67845));
        assertEquals(0x0000_1000_1020_0003L, JnaDevices.makedev(0x1000, 0x10203));
        assertEquals(JnaDevices.S_IFCHR | 0666, JnaDevices.mode(new DeviceNode("/dev/null", 'c', 0666, 1, 3, 0, 0)));
        assertEquals(JnaDevices.S_IFIFO | 0600, JnaDevices.mode(new DeviceNode("/f", 'p', 0100600, 0, 0, 0, 0)));
    }

    @Test
    void capabilitiesFillTwoVersionThreeDataStructs() {
        int[] data = JnaCapabilitySets.data(Set.of(0, 33), Set.of(1), Set.of(63));

        assertArrayEquals(new int[] {1, 2, 0, 2, 0, 0x80000000}, data);
        assertEquals(0x20080522, JnaCapabilitySets.header()[0]);
        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class,
                () -> JnaCapabilitySets.data(Set.of(64), Set.of(), Set.of())).errno());
    }

    @Test
    void syscallNumbersFollowTheArchitecture() {
        assertEquals(117, JnaSyscallNumbers.SETRESUID.number("amd64"));
        assertEquals(147, JnaSyscallNumbers.SETRESUID.number("aarch64"));
        assertEquals(41, JnaSyscallNumbers.PIVOT_ROOT.number("aarch64"));
        assertEquals(Errno.ENOSYS, assertThrows(SyscallException.class,
                () -> JnaSyscallNumbers.SETGROUPS.number("riscv64")).errno());
    }

    @Test
    void procFsPathsNameTheCallerAndFallBackForTaskAttributes() {
        assertEquals("/proc/42/oom_score_adj", JnaProcFs.path(42, "oom_score_adj"));
        assertEquals("/proc/self/oom_score_adj", JnaProcFs.path(0, "oom_score_adj"));
        assertEquals("/proc/thread-self/attr/apparmor/exec", JnaProcFs.path(0, "attr/apparmor/exec"));
    }

    @Test
    void seccompNamesMapToLibseccompNumbers() {
        assertEquals(0x00050001, JnaSeccompCodes.action(new SeccompFilter.Action("SCMP_ACT_ERRNO", 1)));
        assertEquals(0x7ff00005, JnaSeccompCodes.action(new SeccompFilter.Action("SCMP_ACT_TRACE", 5)));
        assertEquals(0x80000000, JnaSeccompCodes.action(new SeccompFilter.Action("SCMP_ACT_KILL_PROCESS", 0)));
        assertEquals(0, JnaSeccompCodes.action(new SeccompFilter.Action("SCMP_ACT_KILL", 0)));
        assertEquals(0x7fff0000, JnaSeccompCodes.action(new SeccompFilter.Action("SCMP_ACT_ALLOW", 0)));
        assertEquals(7, JnaSeccompCodes.operator("SCMP_CMP_MASKED_EQ"));
        assertEquals(1, JnaSeccompCodes.operator("SCMP_CMP_NE"));
        assertEquals(-1, JnaSeccompCodes.attribute("SECCOMP_FILTER_FLAG_TSYNC"));
        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class,
                () -> JnaSeccompCodes.action(new SeccompFilter.Action("SCMP_ACT_FOO", 0))).errno());
        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class, () -> JnaSeccompCodes.operator("SCMP_CMP_X")).errno());
    }
}
