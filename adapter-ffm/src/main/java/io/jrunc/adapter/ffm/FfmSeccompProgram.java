package io.jrunc.adapter.ffm;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SyscallException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A libseccomp filter context built from a {@link SeccompFilter}, released on close. */
final class FfmSeccompProgram implements AutoCloseable {
    private final long ctx;

    private FfmSeccompProgram(long ctx) {
        this.ctx = ctx;
    }

    static FfmSeccompProgram compile(SeccompFilter filter) {
        int defaultAction = FfmSeccompActions.action(filter.defaultAction());
        FfmSeccompProgram program = new FfmSeccompProgram(FfmLibseccomp.init(defaultAction));
        try {
            // runc sets no_new_privs itself, at the point in init the config asks for.
            FfmLibseccomp.setAttribute(program.ctx, FfmSeccompActions.SCMP_FLTATR_CTL_NNP, 0);
            for (String flag : filter.flags()) {
                FfmLibseccomp.setAttribute(program.ctx, FfmSeccompActions.attribute(flag), 1);
            }
            for (String arch : filter.architectures()) {
                int token = FfmLibseccomp.resolveArch(arch);
                if (token == 0) {
                    throw new SyscallException("seccomp_arch_resolve_name", Errno.EINVAL, arch);
                }
                FfmLibseccomp.addArch(program.ctx, token, arch);
            }
            for (SeccompFilter.Rule rule : filter.rules()) {
                program.add(rule, defaultAction);
            }
            return program;
        } catch (RuntimeException e) {
            program.close();
            throw e;
        }
    }

    /**
     * As runc does: a syscall this libseccomp does not know is skipped (profiles name syscalls of newer
     * kernels), a rule whose action is the default one is redundant, and conditions that test the same
     * argument twice become one rule per condition, since libseccomp refuses them in one rule.
     */
    private void add(SeccompFilter.Rule rule, int defaultAction) {
        int action = FfmSeccompActions.action(rule.action());
        int syscall = FfmLibseccomp.resolveSyscall(rule.syscall());
        // libseccomp says __NR_SCMP_ERROR (-1) for a name it does not know; another negative number is one of its
        // pseudo-syscalls, a call this architecture lacks but another of the filter's has (socketcall on x86),
        // which it maps per architecture: kept, as runc keeps it.
        if (syscall == FfmLibseccomp.NR_SCMP_ERROR || action == defaultAction) {
            return;
        }
        List<SeccompFilter.ArgCondition> conditions = rule.conditions();
        if (repeatsAnArgument(conditions)) {
            for (SeccompFilter.ArgCondition condition : conditions) {
                FfmLibseccomp.addRule(ctx, action, syscall, encode(List.of(condition)), rule.syscall());
            }
        } else {
            FfmLibseccomp.addRule(ctx, action, syscall, encode(conditions), rule.syscall());
        }
    }

    private static boolean repeatsAnArgument(List<SeccompFilter.ArgCondition> conditions) {
        Set<Integer> seen = new HashSet<>();
        return !conditions.stream().allMatch(c -> seen.add(c.index()));
    }

    private static long[][] encode(List<SeccompFilter.ArgCondition> conditions) {
        long[][] encoded = new long[conditions.size()][];
        for (int i = 0; i < conditions.size(); i++) {
            SeccompFilter.ArgCondition c = conditions.get(i);
            encoded[i] = new long[] {c.index(), FfmSeccompActions.compare(c.op()), c.value(), c.valueTwo()};
        }
        return encoded;
    }

    /** The BPF program, written by libseccomp into a memfd and read back. */
    byte[] export() {
        int fd = FfmLibc.memfd("jrunc-seccomp");
        try {
            FfmLibseccomp.exportBpf(ctx, fd);
            FfmLibc.rewind(fd);
            return FfmLibc.readToEnd(fd, "seccomp program");
        } finally {
            FfmLibc.close(fd);
        }
    }

    /** Installs the filter on the calling thread. */
    void load() {
        FfmLibseccomp.load(ctx);
    }

    @Override
    public void close() {
        FfmLibseccomp.release(ctx);
    }
}
