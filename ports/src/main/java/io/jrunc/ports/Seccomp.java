package io.jrunc.ports;

import io.jrunc.ports.model.SeccompFilter;

/** Loads a seccomp filter on the calling thread (it is per-thread in the kernel, and execve keeps it). */
public interface Seccomp {
    void load(SeccompFilter filter);

    /**
     * The BPF program libseccomp makes of the filter (struct sock_filter, 8 bytes an instruction, in the host's
     * byte order), for another process to load with seccomp(2): the container's init. The filter's flags are
     * not part of it; {@link SeccompFilter#flagBits()} gives them for seccomp(2).
     */
    byte[] compile(SeccompFilter filter);

    /**
     * Whether this kernel's seccomp(2) takes these SECCOMP_FILTER_FLAG_* bits ({@link SeccompFilter#flagBits()}),
     * asked as runc asks it: SECCOMP_SET_MODE_FILTER with the flags and no program, which the kernel answers with
     * EFAULT once it has accepted the flags and EINVAL when it has not. Nothing is loaded either way.
     */
    boolean takesFlags(long flagBits);
}
