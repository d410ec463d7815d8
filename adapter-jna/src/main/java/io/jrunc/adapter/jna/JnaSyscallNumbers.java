package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;

import java.util.Locale;

/**
 * System call numbers for the calls glibc has no per-thread (or no) wrapper for. They differ by
 * architecture, and only x86_64 and aarch64 are known.
 */
enum JnaSyscallNumbers {
    SETGROUPS(116, 159),
    SETRESUID(117, 147),
    SETRESGID(119, 149),
    PIVOT_ROOT(155, 41),
    BPF(321, 280),
    SECCOMP(317, 277),
    PERSONALITY(135, 92),
    IOPRIO_SET(251, 30),
    SCHED_SETATTR(314, 274),
    SET_MEMPOLICY(238, 237),
    SCHED_SETAFFINITY(203, 122),
    STATX(332, 291),
    IOCTL(16, 29);

    private static final String ARCH = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);

    private final long x8664;
    private final long aarch64;

    JnaSyscallNumbers(long x8664, long aarch64) {
        this.x8664 = x8664;
        this.aarch64 = aarch64;
    }

    long number() {
        return number(ARCH);
    }

    long number(String arch) {
        switch (arch) {
            case "amd64":
            case "x86_64":
                return x8664;
            case "aarch64":
            case "arm64":
                return aarch64;
            default:
                throw new SyscallException(name().toLowerCase(Locale.ROOT), Errno.ENOSYS,
                        "on unsupported architecture " + arch);
        }
    }
}
