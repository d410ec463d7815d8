package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SeccompFilter.Action;
import io.jrunc.ports.model.SeccompFilter.ArgCondition;
import io.jrunc.ports.model.SeccompFilter.Rule;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Compiling a filter through libseccomp without loading it: init, rule_add, release. */
class JnaSeccompTest {
    private static final Action ALLOW = new Action("SCMP_ACT_ALLOW", 0);
    private static final Action EPERM = new Action("SCMP_ACT_ERRNO", 1);

    @Test
    void aDockerLikeFilterCompiles() {
        SeccompFilter filter = new SeccompFilter(EPERM, List.of("x86_64", "x86", "x32"), List.of(
                new Rule("read", ALLOW, List.of()),
                new Rule("personality", ALLOW, List.of(new ArgCondition(0, 0xffffffffL, 0, "SCMP_CMP_EQ"))),
                new Rule("clone", ALLOW, List.of(new ArgCondition(0, 0x7e020000L, 0, "SCMP_CMP_MASKED_EQ"))),
                // two conditions on one argument: one rule each, as runc does
                new Rule("socket", ALLOW, List.of(new ArgCondition(0, 1, 0, "SCMP_CMP_EQ"),
                        new ArgCondition(0, 2, 0, "SCMP_CMP_EQ"))),
                new Rule("no_such_syscall_in_any_kernel", ALLOW, List.of()),
                new Rule("mount", EPERM, List.of())), // the default action again: dropped
                List.of("SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_TSYNC"));

        assertDoesNotThrow(() -> JnaSeccompContext.compile(filter).close());
    }

    @Test
    void anUnknownArchitectureIsEinval() {
        SeccompFilter filter = new SeccompFilter(ALLOW, List.of("vax"), List.of(), List.of());

        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class, () -> JnaSeccompContext.compile(filter)).errno());
    }

    @Test
    void aConditionLibseccompRefusesIsReportedWithItsErrno() {
        SeccompFilter filter = new SeccompFilter(ALLOW, List.of(), List.of(
                new Rule("read", EPERM, List.of(new ArgCondition(6, 0, 0, "SCMP_CMP_EQ")))), List.of());

        SyscallException e = assertThrows(SyscallException.class, () -> JnaSeccompContext.compile(filter));

        assertEquals("seccomp_rule_add", e.syscall());
        assertEquals(Errno.EINVAL, e.errno());
    }

    /** podman's socket rules beside socketcall (see SeccompProfiles) compile to a whole BPF program. */
    @Test
    void podmansSocketRulesCompileBesideSocketcallAsARealProgram() {
        SeccompFilter filter = io.jrunc.ports.contract.SeccompProfiles.podmansSocketRules();

        byte[] program = new JnaSeccomp().compile(filter);

        assertEquals(0, program.length % 8, "whole struct sock_filter instructions");
        assertEquals(true, program.length > 8 * 10, program.length + " bytes");
    }
}
