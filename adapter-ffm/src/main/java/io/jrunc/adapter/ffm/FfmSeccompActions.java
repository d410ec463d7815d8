package io.jrunc.adapter.ffm;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SyscallException;

/** libseccomp's SCMP_ACT_*, SCMP_CMP_* and SCMP_FLTATR_* values for the names in a {@link SeccompFilter}. */
final class FfmSeccompActions {
    static final int SCMP_FLTATR_CTL_NNP = 3;
    private static final int SCMP_FLTATR_CTL_TSYNC = 4;
    private static final int SCMP_FLTATR_CTL_LOG = 6;
    private static final int SCMP_FLTATR_CTL_SSB = 7;

    private FfmSeccompActions() {
    }

    static int action(SeccompFilter.Action action) {
        return switch (strip(action.name(), "SCMP_ACT_")) {
            case "KILL", "KILL_THREAD" -> 0;
            case "KILL_PROCESS" -> 0x80000000;
            case "TRAP" -> 0x00030000;
            case "ERRNO" -> 0x00050000 | (action.data() & 0xffff);
            case "TRACE" -> 0x7ff00000 | (action.data() & 0xffff);
            case "LOG" -> 0x7ffc0000;
            case "ALLOW" -> 0x7fff0000;
            case "NOTIFY" -> 0x7fc00000;
            default -> throw new SyscallException("seccomp", Errno.EINVAL, "unknown action " + action.name());
        };
    }

    static int compare(String op) {
        return switch (strip(op, "SCMP_CMP_")) {
            case "NE" -> 1;
            case "LT" -> 2;
            case "LE" -> 3;
            case "EQ" -> 4;
            case "GE" -> 5;
            case "GT" -> 6;
            case "MASKED_EQ" -> 7;
            default -> throw new SyscallException("seccomp", Errno.EINVAL, "unknown operator " + op);
        };
    }

    /** The filter attribute that stands for a seccomp(2) flag. */
    static int attribute(String flag) {
        return switch (flag) {
            case "SECCOMP_FILTER_FLAG_TSYNC" -> SCMP_FLTATR_CTL_TSYNC;
            case "SECCOMP_FILTER_FLAG_LOG" -> SCMP_FLTATR_CTL_LOG;
            case "SECCOMP_FILTER_FLAG_SPEC_ALLOW" -> SCMP_FLTATR_CTL_SSB;
            default -> throw new SyscallException("seccomp", Errno.EINVAL, "unsupported flag " + flag);
        };
    }

    private static String strip(String name, String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }
}
