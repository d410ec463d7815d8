package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SyscallException;

/** The numbers of libseccomp's seccomp.h for the names the OCI spec uses. */
final class JnaSeccompCodes {
    static final int ATTR_CTL_NNP = 3;
    static final int ATTR_CTL_LOG = 6;
    static final int ATTR_CTL_SSB = 7;
    static final int ATTR_CTL_WAITKILL = 10;

    private JnaSeccompCodes() {
    }

    static int action(SeccompFilter.Action action) {
        int data = action.data() & 0xffff;
        switch (action.name()) {
            case "SCMP_ACT_KILL":
            case "SCMP_ACT_KILL_THREAD":
                return 0;
            case "SCMP_ACT_KILL_PROCESS":
                return 0x80000000;
            case "SCMP_ACT_TRAP":
                return 0x00030000;
            case "SCMP_ACT_ERRNO":
                return 0x00050000 | data;
            case "SCMP_ACT_TRACE":
                return 0x7ff00000 | data;
            case "SCMP_ACT_LOG":
                return 0x7ffc0000;
            case "SCMP_ACT_ALLOW":
                return 0x7fff0000;
            case "SCMP_ACT_NOTIFY":
                return 0x7fc00000;
            default:
                throw new SyscallException("seccomp", Errno.EINVAL, "unknown action " + action.name());
        }
    }

    static int operator(String op) {
        switch (op) {
            case "SCMP_CMP_NE":
                return 1;
            case "SCMP_CMP_LT":
                return 2;
            case "SCMP_CMP_LE":
                return 3;
            case "SCMP_CMP_EQ":
                return 4;
            case "SCMP_CMP_GE":
                return 5;
            case "SCMP_CMP_GT":
                return 6;
            case "SCMP_CMP_MASKED_EQ":
                return 7;
            default:
                throw new SyscallException("seccomp", Errno.EINVAL, "unknown operator " + op);
        }
    }

    /**
     * The filter attribute a seccomp(2) flag is set through, or -1 for TSYNC: that one would put the
     * filter on every thread of the JVM, and the filter belongs on the thread that will exec.
     */
    static int attribute(String flag) {
        switch (flag) {
            case "SECCOMP_FILTER_FLAG_LOG":
                return ATTR_CTL_LOG;
            case "SECCOMP_FILTER_FLAG_SPEC_ALLOW":
                return ATTR_CTL_SSB;
            case "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV":
                return ATTR_CTL_WAITKILL;
            case "SECCOMP_FILTER_FLAG_TSYNC":
                return -1;
            default:
                throw new SyscallException("seccomp", Errno.EINVAL, "unknown flag " + flag);
        }
    }
}
