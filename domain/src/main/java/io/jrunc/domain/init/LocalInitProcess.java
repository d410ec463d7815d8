package io.jrunc.domain.init;

import io.jrunc.domain.runtime.ProcessSpec;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.Syscalls;
import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.WindowSize;
import java.util.EnumSet;
import java.util.Optional;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.SyscallException;
import java.nio.charset.StandardCharsets;

/** The calling thread acts as the container's init: each call goes straight to the ports, on this thread. */
final class LocalInitProcess implements InitProcess {
    private final Mounts mounts;
    private final Filesystem fs;
    private final Syscalls sys;
    private final ProcFs proc;
    private final Credentials credentials;
    private final Processes processes;
    private final FileDescriptors fds;
    private final io.jrunc.ports.Seccomp seccomp;
    private final io.jrunc.ports.ProcessAttributes attributes;
    /** Null for an executor made without terminals (lifecycle tests): a console is then refused. */
    private final Terminals terminals;
    /** The init's pid, whose /proc files {@link #readOwn} reads. */
    private final int pid;

    LocalInitProcess(Mounts mounts, Filesystem fs, Syscalls sys, ProcFs proc, Credentials credentials,
                     Processes processes, FileDescriptors fds, io.jrunc.ports.Seccomp seccomp,
                     io.jrunc.ports.ProcessAttributes attributes, Terminals terminals, int pid) {
        this.attributes = attributes;
        this.terminals = terminals;
        this.pid = pid;
        this.seccomp = seccomp;
        this.mounts = mounts;
        this.fs = fs;
        this.sys = sys;
        this.proc = proc;
        this.credentials = credentials;
        this.processes = processes;
        this.fds = fds;
    }

    @Override public void joinSessionKeyring(String name) {
        // The fake kernel has no keyrings: the dry run shows the step, with no call under it.
    }

    @Override public void mountProc(String root, MountRequest request) {
        mounts.mountBeneath(root, request);
    }

    @Override public void writeOwnAttr(String relativePath, String value) {
        proc.write(0, relativePath, value);
    }

    @Override public void prepareRootSwitch(String newRoot) {
        // This process is the one that switches root.
    }

    @Override public void followMovedRoot() {
        // Likewise: its own chroot already took it there.
    }

    /**
     * The steps jrunc-init takes, as far as the fake kernel has them: the pty, its size, the bind on /dev/console
     * (through the peer's fd), the master sent over the socket. Making it the controlling terminal and stdio has no
     * call here: this thread is not the init.
     */
    @Override public void setupConsole(int socketFd, Optional<WindowSize> size, int uid, boolean bindConsole) {
        if (terminals == null) {
            throw new SyscallException("setupConsole", Errno.ENOTTY, "no terminals in this executor");
        }
        int master = terminals.openPtyMaster();
        try {
            int peer = terminals.openPtyPeer(master);
            try {
                size.ifPresent(s -> terminals.setWindowSize(master, s));
                if (bindConsole) {
                    fs.touchBeneath("/dev", "/dev/console", 0666);
                    mounts.mount(MountRequest.of("/proc/self/fd/" + peer, "/dev/console", "",
                            EnumSet.of(MountFlag.MS_BIND), ""));
                }
                fds.sendFd(socketFd, "/dev/ptmx".getBytes(StandardCharsets.UTF_8), master);
            } finally {
                fds.close(peer);
            }
        } finally {
            // The socket stays: in-process, the init's copy is the runtime's own, which the runtime closes.
            fds.close(master);
        }
    }

    @Override public String readOwn(String relativePath) {
        return proc.read(pid, relativePath).orElse("");
    }

    @Override public Credentials credentials() {
        return credentials;
    }

    @Override public io.jrunc.ports.ProcessAttributes attributes() {
        return attributes;
    }

    @Override public void umask(int mask) {
        sys.umask(mask);
    }

    @Override public void chdir(String path) {
        fs.chdir(path);
    }

    /** The calling thread stands in for the init: the filter is loaded on it (the fake kernel records it). */
    @Override public void installSeccomp(io.jrunc.ports.model.SeccompFilter filter, String program, boolean atExec) {
        seccomp.load(filter);
    }

    @Override public void checkExecutable(String path) {
        if (fs.isExecutable(path)) {
            return;
        }
        Errno why = !fs.exists(path) ? Errno.ENOENT : fs.isDirectory(path) ? Errno.EISDIR : Errno.EACCES;
        throw new SyscallException("access", why, path);
    }

    @Override public void awaitStart(int execFifoFd) {
        // Through /proc/self/fd: the fifo's own path is outside the new root.
        fs.writeFifo("/proc/self/fd/" + execFifoFd, "0".getBytes(StandardCharsets.US_ASCII));
    }

    @Override public void runStartHooks(java.util.List<io.jrunc.domain.config.Hook> hooks, byte[] state,
                                        java.util.List<String> defaultEnv) {
        // Called once the wait above is over: they run now, from this process, before the exec.
        new HookRunner(processes).runOrThrow(hooks, state, java.util.Optional.empty(), defaultEnv);
    }

    @Override public void exec(String program, ProcessSpec process) {
        // Every fd but stdio and those the caller asked to pass on is ours (the JVM's jars, the fifo):
        // none of them may reach the user process.
        fds.closeOnExecFrom(3 + process.preservedFds());
        processes.exec(program, process.args(), process.env());
    }
}
