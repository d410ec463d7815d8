package io.jrunc.domain.lifecycle;

import io.jrunc.domain.init.InitProcess;
import io.jrunc.domain.runtime.ProcessSpec;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExecArguments;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.StageMessage;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The runtime's side of jrunc-init (cli/src/main/c/jrunc-init.c), the small native program that is the
 * container's first process: each call is one request over the sync socket, answered "ok" or with the errno
 * the kernel gave that process ({@link StageMessage} frames them).
 */
final class NativeInitStage implements InitProcess, Credentials, io.jrunc.ports.ProcessAttributes, AutoCloseable {
    static final String WAITING = "waiting";
    /** jrunc-init answers a "read" with up to 64 KiB. */
    private static final int MAX_REPLY = 64 * 1024 + 16;

    private final FileDescriptors fds;
    private int sync;
    /** The exec fifo's fd in the init, from AwaitStart, for the exec request that carries out both. */
    private int execFifoFd = -1;
    /** `jrunc exec`'s first stage: the program runs at once, there is no start to wait for. */
    private boolean execAtOnce;

    /** Where a notifying seccomp filter's fd goes; it is closed here once that returns. */
    private java.util.function.IntConsumer notifyFds = fd -> {
        throw new IllegalStateException("no seccomp agent for this init");
    };

    NativeInitStage(FileDescriptors fds, int sync) {
        this.fds = fds;
        this.sync = sync;
    }

    /** Where the notify fd of a filter with an agent goes, before the init is asked anything else. */
    void onNotifyFd(java.util.function.IntConsumer notifyFds) {
        this.notifyFds = notifyFds;
    }

    /** The init's first word: "waiting" once it runs, or "" when it died first. */
    String hello() {
        List<String> fields = receive();
        return fields.isEmpty() ? "" : fields.get(0);
    }

    /** For `jrunc exec`: the exec request runs the program at once, with no exec fifo to wait on. */
    void execAtOnce() {
        execAtOnce = true;
    }

    /**
     * setns(2) in the init itself, into the namespace its inherited O_PATH fd {@code fd} holds (closed after):
     * the mount namespace, which it must join after it started from the host's jrunc-init, and the time
     * namespace, which only a single-threaded process may join.
     */
    void joinNamespace(int fd, io.jrunc.ports.model.Namespace type) {
        ask("setns", "setns", "/proc/self/fd/" + fd + " (" + type.procName() + ")", Integer.toString(fd),
                Integer.toString(type.cloneFlag()));
    }

    /** runc's: KEY_USR_SEARCH (0x80000) added, so the container's user may search it. */
    private static final long KEYRING_USER_SEARCH = 0x80000;

    @Override public void joinSessionKeyring(String name) {
        request("keyring", name, name, Long.toString(KEYRING_USER_SEARCH));
    }

    @Override public void mountProc(String root, MountRequest r) {
        // Its errors read as mount(2)'s, as runc words a failed mount.
        ask("mountat", "mount", "src=" + r.source() + ", dst=" + r.target(), root,
                io.jrunc.ports.model.BeneathRoot.relative(root, r.target()), r.source(), r.fstype(),
                Long.toUnsignedString(MountFlag.bits(r.flags())), r.data());
    }

    @Override public void writeOwnAttr(String relativePath, String value) {
        String path = "/proc/self/" + relativePath;
        try {
            request("write", path, path, value);
        } catch (SyscallException e) {
            // Kernels before 5.8 have no attr/apparmor/; runc falls back to the shared attr/exec then.
            if (e.errno() != Errno.ENOENT || !relativePath.equals("attr/apparmor/exec")) {
                throw e;
            }
            request("write", "/proc/self/attr/exec", "/proc/self/attr/exec", value);
        }
    }

    @Override public void prepareRootSwitch(String newRoot) {
        chdir(newRoot);
    }

    @Override public void followMovedRoot() {
        request("chroot", ".", ".");
    }

    @Override public void setupConsole(int socketFd, java.util.Optional<io.jrunc.ports.model.WindowSize> size,
                                       int uid, boolean bindConsole) {
        var s = size.orElse(new io.jrunc.ports.model.WindowSize(0, 0));
        ask("console", "setupConsole", "console socket fd " + socketFd, Integer.toString(socketFd),
                Integer.toString(s.rows()), Integer.toString(s.columns()), Integer.toUnsignedString(uid), bindConsole ? "1" : "0");
    }

    @Override public String readOwn(String relativePath) {
        String path = "/proc/self/" + relativePath;
        List<String> reply = ask("read", "open", path, path);
        return reply.size() > 1 ? reply.get(1) : "";
    }

    /**
     * unshare(CLONE_NEWCGROUP) in the init, once the runtime has put it in the container's cgroup: the new
     * namespace is rooted there, so the container sees its own cgroup as "/" (runc's nsexec does the same).
     */
    void unshareCgroupNamespace() {
        ask("cgroupns", "unshare", "CLONE_NEWCGROUP");
    }

    /** unshare(CLONE_NEWUSER) in the init, which then waits for the runtime to write its uid_map and gid_map. */
    /** prctl(PR_SET_DUMPABLE) of the init: see {@link RootlessEntry}, the only stage that asks for it. */
    void dumpable(boolean on) {
        ask("dumpable", "prctl", "PR_SET_DUMPABLE " + (on ? 1 : 0), on ? "1" : "0");
    }

    void unshareUserNamespace() {
        try {
            ask("userns", "unshare", "CLONE_NEWUSER");
        } catch (SyscallException e) {
            // The kernel's words alone do not say that the host, not the config, stands in the way.
            String why = switch (e.errno()) {
                case ENOSPC -> " (no user namespace may be made: user.max_user_namespaces is reached, or 0)";
                case EPERM -> " (this host forbids this caller new user namespaces: kernel.unprivileged_userns_clone,"
                        + " a security module or a seccomp policy)";
                default -> "";
            };
            throw why.isEmpty() ? e : SyscallException.refusal("unshare", e.errno(), "unshare CLONE_NEWUSER: "
                    + e.errno().description() + why);
        }
    }

    /** setns(2) of the init into the user namespace at {@code path}, which no thread of the runtime may join. */
    void joinUserNamespace(String path) {
        ask("setnspath", "setns", path + " (user)", path,
                Integer.toString(io.jrunc.ports.model.Namespace.USER.cloneFlag()));
    }

    /**
     * unshare(2) of {@code namespaces} in the init, without the clone: the runtime then writes to a new time
     * namespace (its offsets) before {@link #unshareAndFork} of none puts a process in it.
     */
    void unshare(Set<io.jrunc.ports.model.Namespace> namespaces) {
        ask("unshare", "unshare", namespaces.toString(),
                Integer.toString(io.jrunc.ports.model.Namespace.cloneFlags(namespaces)));
    }

    /**
     * The init unshares {@code namespaces} (so that its user namespace owns them) and clones its successor, pid 1
     * of a new pid namespace and a child of the runtime, which goes on with this socket; it answers with that
     * pid and exits.
     */
    int unshareAndFork(Set<io.jrunc.ports.model.Namespace> namespaces) {
        List<String> reply = ask("nsfork", "unshare", namespaces.toString(),
                Integer.toString(io.jrunc.ports.model.Namespace.cloneFlags(namespaces)));
        try {
            return Integer.parseInt(reply.size() > 1 ? reply.get(1) : "");
        } catch (NumberFormatException e) {
            throw new SyscallException("clone", Errno.EIO, "the init named no child");
        }
    }

    @Override public Credentials credentials() {
        return this;
    }

    @Override public io.jrunc.ports.ProcessAttributes attributes() {
        return this;
    }

    @Override public void setPersonality(long persona) {
        ask("personality", "personality", "0x" + Long.toHexString(persona), Long.toUnsignedString(persona));
    }

    @Override public void setIoPriority(int ioprio) {
        ask("ioprio", "ioprio_set", "IOPRIO_WHO_PROCESS, 0, " + ioprio, Integer.toString(ioprio));
    }

    /** The nice value goes as its 32-bit two's complement: the init's numbers are unsigned. */
    @Override public void setScheduler(io.jrunc.ports.model.SchedAttr a) {
        ask("sched", "sched_setattr", a.toString(), Integer.toString(a.policy()), Long.toUnsignedString(a.flags()),
                Integer.toUnsignedString(a.nice()), Integer.toString(a.priority()),
                Long.toUnsignedString(a.runtime()), Long.toUnsignedString(a.deadline()),
                Long.toUnsignedString(a.period()));
    }

    @Override public void setMemoryPolicy(int mode, Set<Integer> nodes) {
        List<String> fields = new ArrayList<>(List.of(Integer.toString(mode)));
        for (long word : io.jrunc.ports.model.Bitmask.words(nodes)) {
            fields.add(Long.toUnsignedString(word));
        }
        ask("mempolicy", "set_mempolicy", "mode 0x" + Integer.toHexString(mode) + ", nodes " + nodes,
                fields.toArray(String[]::new));
    }

    @Override public void setAffinity(Set<Integer> cpus) {
        ask("affinity", "sched_setaffinity", "cpus " + cpus, java.util.Arrays.stream(
                io.jrunc.ports.model.Bitmask.words(cpus)).mapToObj(Long::toUnsignedString).toArray(String[]::new));
    }

    @Override public void umask(int mask) {
        request("umask", Integer.toOctalString(mask), Integer.toString(mask));
    }

    @Override public void chdir(String path) {
        try {
            request("chdir", path, path);
        } catch (SyscallException e) {
            if (e.errno() != Errno.EXDEV) {
                throw e;
            }
            // A cwd that a magic link (process.cwd "/proc/self/fd/3") took outside the root: runc's words.
            throw SyscallException.refusal("chdir", Errno.EXDEV, "chdir " + path + ": current working directory is"
                    + " outside of container mount namespace root -- possible container breakout detected");
        }
    }

    @Override public void checkExecutable(String path) {
        request("access", path, path);
    }

    @Override public void awaitStart(int fifoFd) {
        // The wait happens in the init, after the exec request; nothing of the runtime blocks on it.
        execFifoFd = fifoFd;
    }

    /**
     * Hands the init its startContainer hooks, each resolved here as runc's Hooks.Run would start it (its path
     * alone as argv when it has no args, {@code defaultEnv} when it names no env): it keeps them for after the
     * wait ("hooks" in jrunc-init's protocol).
     */
    @Override public void runStartHooks(List<io.jrunc.domain.config.Hook> hooks, byte[] state, List<String> defaultEnv) {
        List<String> fields = new ArrayList<>();
        fields.add(new String(state, java.nio.charset.StandardCharsets.UTF_8));
        fields.add(Integer.toString(hooks.size()));
        for (io.jrunc.domain.config.Hook hook : hooks) {
            List<String> argv = hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
            List<String> env = hook.env().isEmpty() ? defaultEnv : hook.env();
            fields.add(hook.path());
            fields.add(Integer.toString(hook.timeout().orElse(0)));
            fields.add(Integer.toString(argv.size()));
            fields.addAll(argv);
            fields.add(Integer.toString(env.size()));
            fields.addAll(env);
        }
        request("hooks", hooks.size() + " startContainer hooks", fields.toArray(String[]::new));
    }

    @Override public void exec(String program, ProcessSpec process) {
        if (execFifoFd < 0 && !execAtOnce) {
            throw new IllegalStateException("exec before AwaitStart");
        }
        long size = ExecArguments.size(program, process.args(), process.env());
        if (size > ExecArguments.MAX_BYTES) {
            // No stack limit lets execve take it: said here, rather than by an init that cannot read so much.
            throw new SyscallException("exec", Errno.E2BIG, program + " (argv and envp take " + size
                    + " bytes with their pointers, execve(2) at most " + ExecArguments.MAX_BYTES + ")");
        }
        List<String> fields = new ArrayList<>();
        fields.add(execAtOnce ? "" : Integer.toString(execFifoFd));
        fields.add(Integer.toString(3 + process.preservedFds()));
        fields.add(program);
        fields.add(Integer.toString(process.args().size()));
        fields.addAll(process.args());
        fields.addAll(process.env());
        request("exec", program, fields.toArray(String[]::new));
        // The init closes its end now and waits for start: this socket has nothing more to say.
        close();
    }

    /**
     * execve at once, with every fd from {@code keep} up closed: for a stage that runs no container program (the
     * rootless runtime's own re-entry), so no {@link ProcessSpec} applies.
     */
    void execNow(String program, List<String> argv, List<String> env, int keep) {
        List<String> fields = new ArrayList<>();
        fields.add("");
        fields.add(Integer.toString(keep));
        fields.add(program);
        fields.add(Integer.toString(argv.size()));
        fields.addAll(argv);
        fields.addAll(env);
        request("exec", program, fields.toArray(String[]::new));
        close();
    }

    @Override public void setgroups(List<Integer> gids) {
        ask("groups", "setgroups", gids.toString(), gids.stream().map(Integer::toUnsignedString).toArray(String[]::new));
    }

    @Override public void setresgid(int rgid, int egid, int sgid) {
        ask("resgid", "setresgid", rgid + ", " + egid + ", " + sgid,
                Integer.toUnsignedString(rgid), Integer.toUnsignedString(egid), Integer.toUnsignedString(sgid));
    }

    @Override public void setresuid(int ruid, int euid, int suid) {
        ask("resuid", "setresuid", ruid + ", " + euid + ", " + suid,
                Integer.toUnsignedString(ruid), Integer.toUnsignedString(euid), Integer.toUnsignedString(suid));
    }

    @Override public void installSeccomp(io.jrunc.ports.model.SeccompFilter filter, String program, boolean atExec) {
        if (!filter.notifies()) {
            ask("seccomp", "seccomp", "SECCOMP_SET_MODE_FILTER", Long.toUnsignedString(filter.flagBits()),
                    atExec ? "1" : "0", program);
            return;
        }
        // With a listener: the init's "ok" carries the notify fd (SCM_RIGHTS), which the init closes at once.
        send("seccomp", Long.toUnsignedString(filter.flagBits() | io.jrunc.ports.model.SeccompFilter.NEW_LISTENER),
                atExec ? "1" : "0", program);
        io.jrunc.ports.model.ReceivedFd head = fds.receiveFd(sync, StageMessage.HEADER);
        int notifyFd = head.fd();
        try {
            List<String> reply = rest(head.data());
            check(reply, "seccomp", "SECCOMP_SET_MODE_FILTER|SECCOMP_FILTER_FLAG_NEW_LISTENER");
            if (notifyFd < 0) {
                throw new SyscallException("seccomp", Errno.EIO, "the init sent no notify fd");
            }
            notifyFds.accept(notifyFd);
        } finally {
            if (notifyFd >= 0) {
                fds.close(notifyFd);
            }
        }
    }

    /** The message whose first bytes {@code start} are (the header, maybe not all of it), read to its end. */
    private List<String> rest(byte[] start) {
        if (start.length == 0) {
            return List.of();
        }
        byte[] header = readOn(start, StageMessage.HEADER);
        int length = StageMessage.length(header);
        if (length < 0 || length > MAX_REPLY) {
            throw new SyscallException("read", Errno.EIO, "a message of " + length + " bytes on fd " + sync);
        }
        return StageMessage.fields(readOn(new byte[0], length));
    }

    private byte[] readOn(byte[] start, int n) {
        byte[] out = java.util.Arrays.copyOf(start, n);
        int at = Math.min(start.length, n);
        while (at < n) {
            byte[] chunk = fds.read(sync, n - at);
            if (chunk.length == 0) {
                throw new SyscallException("seccomp", Errno.EPIPE, "(the container's init exited)");
            }
            System.arraycopy(chunk, 0, out, at, chunk.length);
            at += chunk.length;
        }
        return out;
    }

    @Override public void setKeepCapabilities(boolean keep) {
        ask("keepcaps", "prctl", "PR_SET_KEEPCAPS, " + (keep ? 1 : 0), keep ? "1" : "0");
    }

    @Override public void setNoNewPrivileges() {
        ask("nnp", "prctl", "PR_SET_NO_NEW_PRIVS");
    }

    @Override public void setCapabilities(Set<Integer> bounding, Set<Integer> effective, Set<Integer> permitted,
                                          Set<Integer> inheritable, Set<Integer> ambient) {
        ask("caps", "capset", "effective=" + effective + ", permitted=" + permitted,
                mask(bounding), mask(effective), mask(permitted), mask(inheritable), mask(ambient));
    }

    private static String mask(Set<Integer> caps) {
        long bits = 0;
        for (int cap : caps) {
            bits |= 1L << cap;
        }
        return Long.toUnsignedString(bits);
    }

    @Override
    public void close() {
        if (sync >= 0) {
            try {
                fds.close(sync);
            } catch (SyscallException e) {
                // Our own end: nothing to do about a failed close.
            }
            sync = -1;
        }
    }

    /** A request whose op is the syscall's own name. */
    private void request(String syscall, String detail, String... args) {
        ask(syscall, syscall, detail, args);
    }

    /** One request and its answer; a refusal is thrown as the named syscall's, with the init's errno. */
    private List<String> ask(String op, String syscall, String detail, String... args) {
        List<String> reply;
        try {
            send(op, args);
            reply = receive();
        } catch (SyscallException e) {
            if (e.errno() != Errno.EPIPE) {
                throw e;
            }
            reply = List.of();
        }
        return check(reply, syscall, detail);
    }

    /** The reply when it is "ok"; else the refusal, as the named syscall's with the init's errno. */
    private static List<String> check(List<String> reply, String syscall, String detail) {
        if (reply.isEmpty()) {
            throw new SyscallException(syscall, Errno.EPIPE, detail + " (the container's init exited)");
        }
        if (reply.get(0).equals("ok")) {
            return reply;
        }
        int code = reply.size() > 1 ? parseErrno(reply.get(1)) : Errno.EIO.code();
        throw new SyscallException(syscall, code, detail);
    }

    private static int parseErrno(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return Errno.EIO.code();
        }
    }

    private void send(String op, String... args) {
        List<String> fields = new ArrayList<>();
        fields.add(op);
        fields.addAll(List.of(args));
        byte[] message;
        try {
            message = StageMessage.encode(fields);
        } catch (IllegalArgumentException e) {
            throw new SyscallException(op, Errno.EINVAL, e.getMessage());
        }
        fds.write(sync, message);
    }

    /** One message's fields; empty at end of file (the init died). */
    private List<String> receive() {
        return StageMessage.receive(fds, sync, MAX_REPLY);
    }
}
