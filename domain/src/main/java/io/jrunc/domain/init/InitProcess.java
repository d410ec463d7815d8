package io.jrunc.domain.init;

import io.jrunc.domain.runtime.ProcessSpec;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.model.MountRequest;

/**
 * What only the container's first process can do for itself, whoever runs the rest of the plan: the kernel
 * ties each of these to the calling process (its pid namespace, its own attributes and credentials, its
 * cwd and umask, its execve). Every other step acts on namespaces, which a runtime thread that has entered
 * them can change just as well.
 */
public interface InitProcess {
    /** A new session keyring of its own, {@code name}, that its user may search (keyrings are per process). */
    void joinSessionKeyring(String name);

    /**
     * Mounts a proc filesystem: it shows the pid namespace of the process that mounts it. The target, a path under
     * {@code root} with no link left in it, is opened beneath {@code root} (as {@link io.jrunc.ports.Mounts#mountBeneath}).
     */
    void mountProc(String root, MountRequest request);

    /** Writes one of its own /proc/self/attr files ("attr/apparmor/exec", "attr/exec"), applied at execve. */
    void writeOwnAttr(String relativePath, String value);

    /**
     * Before the runtime switches to the new root: into it, so that the switch takes this process along
     * (pivot_root moves every process whose root or cwd is the old root; the old cwd would stay on the host).
     */
    void prepareRootSwitch(String newRoot);

    /** After a switch by MS_MOVE (--no-pivot): chroot(".") too, as chroot changes its caller alone. */
    void followMovedRoot();

    /**
     * Its terminal, from the container's /dev/ptmx once the root is switched: {@code size} applied, the peer owned
     * by {@code uid}, bound on /dev/console when {@code bindConsole} (safely: CVE-2025-52565), made its controlling
     * terminal and stdio; the master is sent over {@code socketFd} as runc sends it, and the socket closed.
     */
    void setupConsole(int socketFd, java.util.Optional<io.jrunc.ports.model.WindowSize> size, int uid,
                      boolean bindConsole);

    /** The content of one of its own /proc/self files ("cgroup"). */
    String readOwn(String relativePath);

    /**
     * Installs a seccomp filter on itself: {@code program} is its BPF (hex) with seccomp(2)'s {@code flags}; now,
     * or, {@code atExec}, right before its execve.
     */
    void installSeccomp(io.jrunc.ports.model.SeccompFilter filter, String program, boolean atExec);

    /** Its credentials, which execve hands to the user's program. */
    Credentials credentials();

    /** Its personality, I/O priority, scheduling, memory policy and CPU affinity, which execve hands on too. */
    io.jrunc.ports.ProcessAttributes attributes();

    void umask(int mask);

    void chdir(String path);

    /**
     * Checks that it may execute the regular file at {@code path}, as the user it now is, from its cwd: a
     * {@link io.jrunc.ports.model.SyscallException} says why not (ENOENT, ENOTDIR, EISDIR for a directory,
     * EACCES for a file it may not execute or that is no regular file; EPIPE when the init is gone).
     */
    void checkExecutable(String path);

    /** The create/start split: from here the process waits until start opens the exec fifo. */
    void awaitStart(int execFifoFd);

    /**
     * Its startContainer hooks, for once start released it and before its execve: each a path in the container,
     * run as the user it now is with {@code state} on its stdin and {@code defaultEnv} where the hook names no
     * env. A failing one ends it (exit status 1) with runc's words on its stderr instead of the exec.
     */
    void runStartHooks(java.util.List<io.jrunc.domain.config.Hook> hooks, byte[] state,
                       java.util.List<String> defaultEnv);

    /** execve of the program found for the process, with its args and env; never returns normally. */
    void exec(String program, ProcessSpec process);
}
