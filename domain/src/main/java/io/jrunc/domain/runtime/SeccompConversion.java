package io.jrunc.domain.runtime;

import io.jrunc.domain.config.Seccomp;
import io.jrunc.domain.config.SeccompAction;
import io.jrunc.domain.config.SeccompArch;
import io.jrunc.domain.config.SeccompArg;
import io.jrunc.domain.config.SeccompFlag;
import io.jrunc.domain.config.SeccompSyscall;
import io.jrunc.ports.model.SeccompFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** linux.seccomp in libseccomp's words, as runc's specconv and patchbpf read it. */
final class SeccompConversion {
    /** What an ERRNO or TRACE action without errnoRet returns: runc's EPERM. */
    private static final int EPERM = 1;

    private SeccompConversion() {
    }

    static SeccompFilter toFilter(Seccomp seccomp) {
        List<String> architectures = new ArrayList<>();
        for (SeccompArch arch : seccomp.architectures()) {
            architectures.add(arch.name().toLowerCase(Locale.ROOT)); // libseccomp's names: x86_64, aarch64 …
        }
        // A rule the profile repeats word for word (podman's lists "socket" allowed for arg2 != 9 twice) is added
        // once: libseccomp refuses the second with EEXIST, where it means nothing new.
        java.util.Set<SeccompFilter.Rule> rules = new java.util.LinkedHashSet<>();
        for (SeccompSyscall syscall : seccomp.syscalls()) {
            SeccompFilter.Action action = action(syscall.action(), syscall.errnoRet());
            List<SeccompFilter.ArgCondition> conditions = new ArrayList<>();
            for (SeccompArg arg : syscall.args()) {
                conditions.add(new SeccompFilter.ArgCondition((int) arg.index(), arg.value(), arg.valueTwo(),
                        arg.op().spec()));
            }
            for (String name : syscall.names()) {
                rules.add(new SeccompFilter.Rule(name, action, conditions));
            }
        }
        List<String> flags = new ArrayList<>();
        for (SeccompFlag flag : seccomp.flags()) {
            flags.add(flag.spec());
        }
        return new SeccompFilter(action(seccomp.defaultAction(), seccomp.defaultErrnoRet()), architectures,
                List.copyOf(rules), flags);
    }

    private static SeccompFilter.Action action(SeccompAction action, OptionalLong errnoRet) {
        boolean returns = action == SeccompAction.ERRNO || action == SeccompAction.TRACE;
        return new SeccompFilter.Action(action.spec(), returns ? (int) errnoRet.orElse(EPERM) : 0);
    }
}
