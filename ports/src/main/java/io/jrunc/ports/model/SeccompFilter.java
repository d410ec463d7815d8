package io.jrunc.ports.model;

import java.util.List;

/**
 * A seccomp filter in libseccomp's vocabulary, ready to be compiled to BPF and loaded.
 *
 * @param defaultAction  what a syscall no rule matches gets
 * @param architectures  libseccomp architecture names ("x86_64", "x86", "x32")
 * @param flags          seccomp(2) filter flags by name (SECCOMP_FILTER_FLAG_LOG …)
 */
public record SeccompFilter(Action defaultAction, List<String> architectures, List<Rule> rules, List<String> flags) {
    public SeccompFilter {
        architectures = List.copyOf(architectures);
        rules = List.copyOf(rules);
        flags = List.copyOf(flags);
    }

    /** seccomp(2)'s SECCOMP_FILTER_FLAG_* bits for {@link #flags()}, the same on every architecture. */
    public long flagBits() {
        long bits = 0;
        for (String flag : flags) {
            bits |= switch (flag) {
                case "SECCOMP_FILTER_FLAG_TSYNC" -> 1;
                case "SECCOMP_FILTER_FLAG_LOG" -> 2;
                case "SECCOMP_FILTER_FLAG_SPEC_ALLOW" -> 4;
                case "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV" -> 32;
                default -> throw new IllegalArgumentException("unknown seccomp flag " + flag);
            };
        }
        return bits;
    }

    /** seccomp(2)'s SECCOMP_FILTER_FLAG_NEW_LISTENER: the call returns the filter's notify fd. */
    public static final long NEW_LISTENER = 8;

    /** Whether a rule hands syscalls to an agent (SCMP_ACT_NOTIFY): the filter is then loaded with a listener. */
    public boolean notifies() {
        return defaultAction.name().equals("SCMP_ACT_NOTIFY")
                || rules.stream().anyMatch(rule -> rule.action().name().equals("SCMP_ACT_NOTIFY"));
    }

    /** An action; {@code data} is the errno for SCMP_ACT_ERRNO and the value for SCMP_ACT_TRACE. */
    public record Action(String name, int data) {
    }

    public record Rule(String syscall, Action action, List<ArgCondition> conditions) {
        public Rule {
            conditions = List.copyOf(conditions);
        }
    }

    /** Compares syscall argument {@code index} by {@code op} (SCMP_CMP_EQ …); {@code valueTwo} is for MASKED_EQ. */
    public record ArgCondition(int index, long value, long valueTwo, String op) {
    }
}
