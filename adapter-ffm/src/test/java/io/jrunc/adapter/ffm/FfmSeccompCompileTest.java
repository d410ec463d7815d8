package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SeccompFilter.Action;
import io.jrunc.ports.model.SeccompFilter.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A filter compiled to BPF for another process to load (the container's init), without loading it here. */
class FfmSeccompCompileTest {
    private static final Action ALLOW = new Action("SCMP_ACT_ALLOW", 0);

    /** podman's socket rules beside socketcall (see SeccompProfiles) compile to a whole BPF program. */
    @Test
    void podmansSocketRulesCompileBesideSocketcallAsARealProgram() {
        SeccompFilter filter = io.jrunc.ports.contract.SeccompProfiles.podmansSocketRules();

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
