package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.InitFailure;
import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.init.InitStep;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * `jrunc exec` with jrunc-init as its first stage, as a container's init is: no second JVM. The container's
 * namespaces are opened from its init's /proc/[pid]/ns (checked to be that init's, by its start time, once they
 * are open); a runtime thread joins all but the user, mount and time namespaces and spawns jrunc-init from the
 * host's file, so it is born in the container's pid, net, ipc, uts and cgroup namespaces; jrunc-init then joins
 * the rest itself, as runc's nsexec joins them, the user namespace first (no thread of a JVM may join one, and the
 * others are owned by it), then the time namespace (which only a single-threaded process may join) and the mount
 * namespace, so no path of the container ever leads to the runtime's binary. In a user namespace it becomes the
 * namespace's root before anything else, as runc's nsexec does. The thread joins the mount namespace last, to
 * read the container's /etc/passwd, and the same credential, label, seccomp and cwd requests as create's follow;
 * the exec request runs the program at once. With a terminal, jrunc-init also inherits the console socket and
 * makes its pty once it is in the container's mount namespace (the first step of the container phase).
 */
public final class StagedExec implements ExecLauncher {
    /**
     * What jrunc-init joins itself: the thread cannot join these for it (a child keeps its own mount ns; a user or
     * time namespace takes a single-threaded caller).
     */
    private static final Set<Namespace> BY_THE_INIT = Set.of(Namespace.USER, Namespace.MOUNT, Namespace.TIME);

    private final Namespaces namespaces;
    private final Processes processes;
    private final FileDescriptors fds;
    private final Filesystem fs;
    private final InitPlanExecutor executor;
    private final String program;
    private final Map<Integer, Waiting> waiting = new ConcurrentHashMap<>();

    private record Waiting(NamespaceThread thread, NativeInitStage stage, Map<Namespace, Integer> held) {
    }

    /** {@code program}: the path of the jrunc-init binary on the host. */
    public StagedExec(Namespaces namespaces, Processes processes, FileDescriptors fds, Filesystem fs,
                      InitPlanExecutor executor, String program) {
        this.namespaces = namespaces;
        this.processes = processes;
        this.fds = fds;
        this.fs = fs;
        this.executor = executor;
        this.program = program;
    }

    @Override
    public Either<LifecycleError, Integer> spawn(ExecTarget target, int preservedFds,
                                                 java.util.OptionalInt consoleSocket) {
        Map<Namespace, Integer> held = new EnumMap<>(Namespace.class);
        NamespaceThread thread = null;
        NativeInitStage stage = null;
        try {
            Optional<LifecycleError> gone = open(target, held);
            if (gone.isPresent()) {
                return Either.left(gone.get());
            }
            List<Integer> inherited = new ArrayList<>(List.of(0, 1, 2));
            for (int fd = 3; fd < 3 + preservedFds; fd++) {
                inherited.add(fd);
            }
            Map<Namespace, String> joined = new EnumMap<>(Namespace.class);
            held.forEach((type, fd) -> {
                if (BY_THE_INIT.contains(type)) {
                    inherited.add(fd);
                } else {
                    joined.put(type, "/proc/self/fd/" + fd);
                }
            });
            thread = NamespaceThread.enter(namespaces, Set.of(), joined, "exec-" + target.id());
            NamespaceThread entered = thread;
            // Before the thread joins the mount namespace: the binary is the host's, reached by the host's path.
            Optional<SpawnedStage> spawned = SpawnedStage.spawn(processes, fds, program, end -> {
                List<Integer> given = new ArrayList<>(inherited);
                given.add(end);
                consoleSocket.ifPresent(given::add);
                return given;
            }, spawn -> entered.call(() -> processes.spawn(spawn)), NativeInitStage::execAtOnce);
            if (spawned.isEmpty()) {
                return Either.left(new LifecycleError.InitReported("exec's first stage exited before it was ready"));
            }
            stage = spawned.get().stage();
            int pid = spawned.get().pid();
            waiting.put(pid, new Waiting(thread, stage, Map.copyOf(held)));
            thread = null;
            stage = null;
            held.clear();
            return Either.right(pid);
        } catch (SyscallException e) {
            return Either.left(new LifecycleError.KernelRefused("exec", e));
        } finally {
            if (thread != null) {
                thread.close();
            }
            if (stage != null) {
                stage.close();
            }
            held.values().forEach(this::closeQuietly);
        }
    }

    /**
     * Opens the init's namespaces into {@code held}, then checks the init is still the container's: a pid reused
     * between the status check and the opens would otherwise hand us another process's namespaces. The user and
     * time namespaces are joined only where they are not ours already. Says the container is stopped when its
     * init is gone.
     */
    private Optional<LifecycleError> open(ExecTarget target, Map<Namespace, Integer> held) {
        String dir = "/proc/" + target.initPid() + "/ns/";
        if (fs.readlink(dir + Namespace.MOUNT.procName()).isPresent() && sameAsOurs(dir, Namespace.MOUNT)) {
            // A container without a mount namespace has its root by chroot alone: joining "its" mount namespace
            // would put the process in the host's root, so it is refused until exec chroots as create does.
            return Optional.of(new LifecycleError.Unsupported("exec into a container without a mount namespace"));
        }
        for (Namespace type : Namespace.values()) {
            // Joining our own user namespace is EINVAL, and one we are in already needs no join: runc joins only
            // the namespaces the config lists, and a rootless runtime may not even "join" the host's cgroup
            // namespace it shares with a container that has none of its own (EPERM: not its user namespace's).
            if (type != Namespace.MOUNT && sameAsOurs(dir, type)) {
                continue;
            }
            try {
                held.put(type, fds.openPath(dir + type.procName()));
            } catch (SyscallException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
                // A kernel without this kind of namespace, or an init gone: the start time below tells which.
            }
        }
        OptionalLong started = processes.startTime(target.initPid());
        if (started.isEmpty() || started.getAsLong() != target.initStartTime() || !held.containsKey(Namespace.MOUNT)) {
            return Optional.of(new LifecycleError.WrongStatus(ContainerStatus.STOPPED, ExecInContainer.STOPPED));
        }
        return Optional.empty();
    }

    private boolean sameAsOurs(String dir, Namespace type) {
        Optional<String> theirs = fs.readlink(dir + type.procName());
        return theirs.isEmpty() || theirs.equals(fs.readlink("/proc/self/ns/" + type.procName()));
    }

    @Override
    public Either<LifecycleError, Integer> proceed(int pid, InitPlan plan) {
        Waiting w = waiting.remove(pid);
        if (w == null) {
            throw new IllegalStateException("no exec " + pid + " waits for go");
        }
        try {
            int mount = w.held().get(Namespace.MOUNT);
            try {
                Integer user = w.held().get(Namespace.USER);
                if (user != null) {
                    // First, as runc's nsexec joins them: the container's other namespaces are owned by it, and
                    // outside it the process would be the host's root in there.
                    w.stage().joinNamespace(user, Namespace.USER);
                    // The namespace's root, as runc's nsexec makes it, before anything is made for the process (its
                    // pty's owner is who opens it); host root's supplementary groups, unmapped in there, go too.
                    if (!io.jrunc.domain.init.GroupsPolicy.denied(w.stage().readOwn("setgroups"))) {
                        w.stage().setgroups(List.of());
                    }
                    w.stage().setresgid(0, 0, 0);
                    w.stage().setresuid(0, 0, 0);
                }
            } catch (SyscallException e) {
                return Either.left(new LifecycleError.KernelRefused("join the container's user namespace", e));
            }
            try {
                Integer time = w.held().get(Namespace.TIME);
                if (time != null) {
                    w.stage().joinNamespace(time, Namespace.TIME);
                }
                // Its root and cwd become the container's root: the host's cwd it was born with is left behind.
                w.stage().joinNamespace(mount, Namespace.MOUNT);
                w.thread().call(() -> {
                    namespaces.setns("/proc/self/fd/" + mount, Namespace.MOUNT);
                    return null;
                });
            } catch (SyscallException e) {
                return Either.left(new LifecycleError.KernelRefused("join the container's mount namespace", e));
            }
            Either<InitFailure, List<InitStep>> done = w.thread().call(() ->
                    executor.containerPhase(plan, w.stage(), step -> { }));
            return done.isLeft() ? Either.left(new LifecycleError.InitFailed(done.getLeft())) : Either.right(pid);
        } finally {
            release(w);
        }
    }

    @Override
    public void discard(int pid) {
        Waiting w = waiting.remove(pid);
        if (w != null) {
            release(w);
        }
    }

    private void release(Waiting w) {
        w.thread().close();
        w.stage().close();
        w.held().values().forEach(this::closeQuietly);
    }

    private void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                fds.close(fd);
            } catch (SyscallException e) {
                // Our own fd: nothing to do about a failed close.
            }
        }
    }
}
