package io.jrunc.ports;

import io.jrunc.ports.model.SchedAttr;
import java.util.Set;

/**
 * What a process sets on itself and hands on through execve to the program it becomes: its execution domain,
 * I/O priority, scheduling, NUMA memory policy and CPU affinity. The kernel keeps all but the personality per
 * thread, so each call acts on the calling thread (pid 0 in the system call).
 */
public interface ProcessAttributes {
    /** personality(2): the execution domain ({@code PER_LINUX32} = 0x0008) with its flags. */
    void setPersonality(long persona);

    /** ioprio_set(IOPRIO_WHO_PROCESS, 0, ioprio): the class in bits 13 and up, the level (0-7) below. */
    void setIoPriority(int ioprio);

    /** sched_setattr(0, attr, 0). */
    void setScheduler(SchedAttr attr);

    /** set_mempolicy(mode, nodemask of {@code nodes}): {@code mode} carries the MPOL_F_* flags too. */
    void setMemoryPolicy(int mode, Set<Integer> nodes);

    /** sched_setaffinity(0, mask of {@code cpus}). */
    void setAffinity(Set<Integer> cpus);
}
