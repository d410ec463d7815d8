package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SeccompFilter.Action;
import io.jrunc.ports.model.SeccompFilter.ArgCondition;
import io.jrunc.ports.model.SeccompFilter.Rule;
import io.jrunc.ports.model.SyscallException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Action and operator names, and compiling a filter with libseccomp without loading it. */
class FfmSeccompActionsTest {
    @Test
    void actions_mapToLibseccompValues_withTheirData() {
        assertEquals(0x7fff0000, FfmSeccompActions.action(new Action("SCMP_ACT_ALLOW", 0)));
        assertEquals(0x00050001, FfmSeccompActions.action(new Action("SCMP_ACT_ERRNO", 1)));
        assertEquals(0x7ff00007, FfmSeccompActions.action(new Action("SCMP_ACT_TRACE", 7)));
        assertEquals(0x80000000, FfmSeccompActions.action(new Action("SCMP_ACT_KILL_PROCESS", 0)));
        assertEquals(0, FfmSeccompActions.action(new Action("SCMP_ACT_KILL", 0)));
        assertEquals(4, FfmSeccompActions.compare("SCMP_CMP_EQ"));
        assertEquals(7, FfmSeccompActions.compare("SCMP_CMP_MASKED_EQ"));
    }

    @Test
    void unknownActions_areInvalid() {
        var e = assertThrows(SyscallException.class, () -> FfmSeccompActions.action(new Action("SCMP_ACT_MAYBE", 0)));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void aFilter_compilesWithLibseccomp_andIsReleasedWithoutLoading() {
        assumeTrue(FfmLibseccomp.available(), FfmLibseccomp.LIBRARY + " is not installed");
        SeccompFilter filter = new SeccompFilter(new Action("SCMP_ACT_ERRNO", 1), List.of("x86_64", "x86", "x32"),
                List.of(new Rule("read", new Action("SCMP_ACT_ALLOW", 0), List.of()),
                        new Rule("no_such_syscall_anywhere", new Action("SCMP_ACT_ALLOW", 0), List.of()),
                        new Rule("personality", new Action("SCMP_ACT_ALLOW", 0), List.of(
                                new ArgCondition(0, 0, 0, "SCMP_CMP_EQ"), new ArgCondition(0, 8, 0, "SCMP_CMP_EQ"))),
                        new Rule("clone", new Action("SCMP_ACT_ALLOW", 0), List.of(
                                new ArgCondition(0, 0x7E020000L, 0, "SCMP_CMP_MASKED_EQ")))),
                List.of("SECCOMP_FILTER_FLAG_LOG"));
        try (FfmSeccompProgram program = FfmSeccompProgram.compile(filter)) {
            assertEquals(FfmSeccompProgram.class, program.getClass());
        }
    }

    @Test
    void anUnknownArchitecture_isInvalid() {
        assumeTrue(FfmLibseccomp.available(), FfmLibseccomp.LIBRARY + " is not installed");
        SeccompFilter filter = new SeccompFilter(new Action("SCMP_ACT_ALLOW", 0), List.of("vax"), List.of(), List.of());
        var e = assertThrows(SyscallException.class, () -> FfmSeccompProgram.compile(filter).close());
        assertEquals(Errno.EINVAL, e.errno());
    }
}
