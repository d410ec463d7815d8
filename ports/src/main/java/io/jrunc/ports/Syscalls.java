package io.jrunc.ports;

import io.jrunc.ports.model.RlimitResource;

/** The single-purpose system calls that fit no bigger port. */
public interface Syscalls {
    void sethostname(String hostname);

    void setdomainname(String domainname);

    /** prlimit(2) on another process ({@code pid} 0 is the caller). */
    void prlimit(int pid, RlimitResource resource, long soft, long hard);

    /** umask(2) of the calling process. */
    void umask(int mask);
}
