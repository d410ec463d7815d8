package io.jrunc.adapter.ffm;

import io.jrunc.ports.Seccomp;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SyscallException;

/** Compiles the filter with libseccomp and loads it on the calling thread. */
final class FfmSeccomp implements Seccomp {
    private static final long SYS_SECCOMP = FfmLibc.sysno(317, 277);
    private static final long SECCOMP_SET_MODE_FILTER = 1;

    @Override
    public void load(SeccompFilter filter) {
        try (FfmSeccompProgram program = FfmSeccompProgram.compile(filter)) {
            program.load();
        }
    }

    @Override
    public byte[] compile(SeccompFilter filter) {
        try (FfmSeccompProgram program = FfmSeccompProgram.compile(filter)) {
            return program.export();
        }
    }

    @Override
    public boolean takesFlags(long flagBits) {
        try {
            FfmLibc.syscall("seccomp", "probe flags " + flagBits, SYS_SECCOMP, SECCOMP_SET_MODE_FILTER, flagBits, 0);
            return true; // never: there is no program to load
        } catch (SyscallException e) {
            return e.errno() == Errno.EFAULT;
        }
    }
}
