package io.jrunc.ports;

import java.util.List;
import java.util.Set;

/**
 * Per-thread credentials, as the kernel keeps them: the raw system calls, not glibc's wrappers that
 * broadcast a change to every thread of the process. The thread that calls execve hands them on.
 */
public interface Credentials {
    void setgroups(List<Integer> gids);

    void setresgid(int rgid, int egid, int sgid);

    void setresuid(int ruid, int euid, int suid);

    /**
     * prctl(PR_SET_KEEPCAPS): whether the permitted set survives a change of every uid from 0 to others (the
     * effective set is cleared either way), so a process that stops being root keeps what it may raise again.
     */
    void setKeepCapabilities(boolean keep);

    /** prctl(PR_SET_NO_NEW_PRIVS, 1). */
    void setNoNewPrivileges();

    /**
     * Sets the capability sets by their numbers (CAP_CHOWN = 0 …): the bounding set is dropped to
     * {@code bounding}, the ambient set raised to {@code ambient}, then capset(2) the rest.
     */
    void setCapabilities(Set<Integer> bounding, Set<Integer> effective, Set<Integer> permitted,
                         Set<Integer> inheritable, Set<Integer> ambient);
}
