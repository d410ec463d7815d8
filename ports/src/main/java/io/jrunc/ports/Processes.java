package io.jrunc.ports;

import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.SpawnRequest;
import java.util.OptionalLong;

/** Starting, watching and signalling processes. */
public interface Processes {
    /** Starts a child in the namespaces the request names; returns its pid in the caller's pid namespace. */
    int spawn(SpawnRequest request);

    /** Waits for a child of ours to end. */
    ExitStatus waitFor(int pid);

    /** The process's start time in clock ticks since boot, or empty when no such process exists. */
    OptionalLong startTime(int pid);

    /** Whether the process exists and is not a zombie. */
    boolean isAlive(int pid);

    /** kill(2); signal 0 only checks that the process can be signalled. */
    void kill(int pid, int signal);

    /**
     * The pids of every process in the same namespace of {@code type} as {@code pid} (compared by the
     * /proc/[pid]/ns links), {@code pid} included; empty when it does not exist.
     */
    java.util.List<Integer> sharingNamespace(int pid, io.jrunc.ports.model.Namespace type);

    /** The caller's own pid. */
    int self();

    /**
     * Runs a program to its end from the calling thread, in that thread's namespaces (an OCI hook): posix_spawn,
     * never a fork of the JVM; its stdin holds {@code run.stdin()}, its stdout and stderr are kept, no other fd of
     * ours reaches it, and past its timeout it is killed with SIGKILL. A program that cannot be started at all
     * (ENOENT, EACCES, ENOEXEC) is a {@link io.jrunc.ports.model.SyscallException} of posix_spawn.
     */
    io.jrunc.ports.model.ProgramResult run(io.jrunc.ports.model.ProgramRun run);

    /** execve(2): replaces the calling process; returns only by throwing. */
    void exec(String path, java.util.List<String> argv, java.util.List<String> env);
}
