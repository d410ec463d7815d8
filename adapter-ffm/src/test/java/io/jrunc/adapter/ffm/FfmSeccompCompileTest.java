package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SeccompFilter.Action;
import io.jrunc.ports.model.SeccompFilter.ArgCondition;
import io.jrunc.ports.model.SeccompFilter.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A filter compiled to BPF for another process to load (the container's init), without loading it here. */
class FfmSeccompCompileTest {
    private static final Action ALLOW = new Action("SCMP_ACT_ALLOW", 0);

    /**
     * podman's profile (containers-common) allows socketcall, a call x86_64 lacks but x86 has, and then filters
     * socket by its arguments: kept as libseccomp's pseudo-syscall, the way runc keeps it, socketcall's rule makes
     * the socket rules fit; dropped, libseccomp refused the third socket rule with EEXIST.
     */
    @Test
    void podmansSocketRulesCompileBesideSocketcallAsARealProgram() {
        SeccompFilter filter = new SeccompFilter(new Action("SCMP_ACT_ERRNO", 38), List.of("x86_64", "x86", "x32"),
                List.of(new Rule("socketcall", ALLOW, List.of()), new Rule("read", ALLOW, List.of()),
                        new Rule("socket", new Action("SCMP_ACT_ERRNO", 22), List.of(
                                new ArgCondition(0, 16, 0, "SCMP_CMP_EQ"), new ArgCondition(2, 9, 0, "SCMP_CMP_EQ"))),
                        new Rule("socket", ALLOW, List.of(new ArgCondition(2, 9, 0, "SCMP_CMP_NE"))),
                        new Rule("socket", ALLOW, List.of(new ArgCondition(0, 16, 0, "SCMP_CMP_NE")))),
                List.of());

        byte[] program = new FfmSeccomp().compile(filter);

        assertEquals(0, program.length % 8, "whole struct sock_filter instructions");
        assertTrue(program.length > 8 * 10, program.length + " bytes");
    }

    @Test
    void theSameFilterCompilesToTheSameProgram() {
        SeccompFilter filter = new SeccompFilter(ALLOW, List.of("x86_64"),
                List.of(new Rule("mkdir", new Action("SCMP_ACT_ERRNO", 1), List.of())), List.of());

        assertArrayEquals(new FfmSeccomp().compile(filter), new FfmSeccomp().compile(filter));
    }
}
