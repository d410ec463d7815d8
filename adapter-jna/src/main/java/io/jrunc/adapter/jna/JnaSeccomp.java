package io.jrunc.adapter.jna;

import io.jrunc.ports.Seccomp;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SyscallException;

final class JnaSeccomp implements Seccomp {
    private static final long SECCOMP_SET_MODE_FILTER = 1;

    @Override
    public void load(SeccompFilter filter) {
        try (JnaSeccompContext context = JnaSeccompContext.compile(filter)) {
            context.load();
        }
    }

    @Override
    public byte[] compile(SeccompFilter filter) {
        try (JnaSeccompContext context = JnaSeccompContext.compile(filter)) {
            return context.export();
        }
    }

    @Override
    public boolean takesFlags(long flagBits) {
        long number = JnaSyscallNumbers.SECCOMP.number();
        try {
            JnaCheck.callLong("seccomp", "probe flags " + flagBits,
                    () -> JnaLibc.INSTANCE.syscall(number, SECCOMP_SET_MODE_FILTER, flagBits, 0));
            return true; // never: there is no program to load
        } catch (SyscallException e) {
            return e.errno() == Errno.EFAULT;
        }
    }
}
