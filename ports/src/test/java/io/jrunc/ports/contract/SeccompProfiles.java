package io.jrunc.ports.contract;

import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SeccompFilter.Action;
import io.jrunc.ports.model.SeccompFilter.ArgCondition;
import io.jrunc.ports.model.SeccompFilter.Rule;
import java.util.List;

/** Filters taken from the profiles engines send, for the backends' seccomp tests. */
public final class SeccompProfiles {
    private static final Action ALLOW = new Action("SCMP_ACT_ALLOW", 0);

    private SeccompProfiles() {
    }

    /**
     * podman's profile (containers-common) in short: default ERRNO(ENOSYS), socketcall allowed (a call x86_64
     * lacks but x86 has: a libseccomp pseudo-syscall, which runc keeps), then socket filtered by its arguments.
     * Without socketcall's rule, libseccomp refuses the third socket rule with EEXIST.
     */
    public static SeccompFilter podmansSocketRules() {
        return new SeccompFilter(new Action("SCMP_ACT_ERRNO", 38), List.of("x86_64", "x86", "x32"),
                List.of(new Rule("socketcall", ALLOW, List.of()), new Rule("read", ALLOW, List.of()),
                        new Rule("socket", new Action("SCMP_ACT_ERRNO", 22), List.of(
                                new ArgCondition(0, 16, 0, "SCMP_CMP_EQ"), new ArgCondition(2, 9, 0, "SCMP_CMP_EQ"))),
                        new Rule("socket", ALLOW, List.of(new ArgCondition(2, 9, 0, "SCMP_CMP_NE"))),
                        new Rule("socket", ALLOW, List.of(new ArgCondition(0, 16, 0, "SCMP_CMP_NE")))),
                List.of());
    }
}
