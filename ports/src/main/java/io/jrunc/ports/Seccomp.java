package io.jrunc.ports;

import io.jrunc.ports.model.SeccompFilter;

/** Loads a seccomp filter on the calling thread (it is per-thread in the kernel, and execve keeps it). */
public interface Seccomp {
    void load(SeccompFilter filter);
}
