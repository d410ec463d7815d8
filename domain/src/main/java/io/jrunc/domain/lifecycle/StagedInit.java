package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.HookPoint;
import io.jrunc.domain.init.InitFailure;
import io.jrunc.domain.init.PlanHooks;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.init.InitStep;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container's init in two parts, as runc has nsexec before its Go init: a runtime thread that enters the
 * container's namespaces and runs the init plan from there, and jrunc-init, a small native program it
 * spawns as the container's pid 1, which does only what must be done by that process itself (see
 * {@link io.jrunc.domain.init.InitProcess}) and finally becomes the user's program. No second JVM starts.
 *
 * <p>jrunc-init gets exactly stdio, the fds the caller asked to preserve, an O_PATH fd of the exec fifo, its end
 * of the sync socket and, for a terminal, the console socket; every other fd of the runtime is closed in it
 * (CVE-2024-21626), and it closes these last three itself before the user's program runs.
 */
public final class StagedInit implements InitLauncher {
    private final Namespaces namespaces;
    private final Processes processes;
    private final FileDescriptors fds;
    private final InitPlanExecutor executor;
    private final String program;
    private final SeccompAgent agent;
    /** Absent where no user namespace is made (the fake's tests of this class, say): such a config is refused. */
    private final UserNamespaceEntry userNamespace;
    /** Each init that waits for "go": its runtime thread, its sync socket and its fifo fd, by its pid. */
    private final Map<Integer, Waiting> waiting = new ConcurrentHashMap<>();

    private record Waiting(NamespaceThread thread, NativeInitStage stage, int fifoFd, IdmapUserNamespaces idmaps) {
    }

    /** Makes the user namespaces of id-mapped mounts; absent (such a config refused) where not wired in. */
    private final IdmapUserNamespaces.Maker idmapMaker;

    /** Gives linux.netDevices back when the plan fails: the init ends as soon as its socket closes. */
    private final java.util.Optional<NetDevices> netDevices;
    private final CreateStages stages;

    /** {@code program}: the path of the jrunc-init binary. */
    public StagedInit(Namespaces namespaces, Processes processes, FileDescriptors fds, InitPlanExecutor executor,
                      String program) {
        this(namespaces, processes, fds, executor, program, java.util.Optional.empty(), SeccompAgent.NONE,
                CreateStages.NONE, null);
    }

    /** {@code userNamespace}: how a config's new user namespace is made. */
    public StagedInit(Namespaces namespaces, Processes processes, FileDescriptors fds, InitPlanExecutor executor,
                      String program, UserNamespaceEntry userNamespace) {
        this(namespaces, processes, fds, executor, program, java.util.Optional.empty(), SeccompAgent.NONE,
                CreateStages.NONE, userNamespace);
    }

    public StagedInit(Namespaces namespaces, Processes processes, FileDescriptors fds, InitPlanExecutor executor,
                      String program, java.util.Optional<NetDevices> netDevices) {
        this(namespaces, processes, fds, executor, program, netDevices, SeccompAgent.NONE, CreateStages.NONE, null);
    }

    /** {@code agent}: how a notifying seccomp filter's fd reaches the agent at its listenerPath. */
    public StagedInit(Namespaces namespaces, Processes processes, FileDescriptors fds, InitPlanExecutor executor,
                      String program, SeccompAgent agent) {
        this(namespaces, processes, fds, executor, program, java.util.Optional.empty(), agent, CreateStages.NONE,
                null);
    }

    public StagedInit(Namespaces namespaces, Processes processes, FileDescriptors fds, InitPlanExecutor executor,
                      String program, CreateStages stages) {
        this(namespaces, processes, fds, executor, program, java.util.Optional.empty(), SeccompAgent.NONE, stages,
                null);
    }

    public StagedInit(Namespaces namespaces, Processes processes, FileDescriptors fds, InitPlanExecutor executor,
                      String program, java.util.Optional<NetDevices> netDevices, SeccompAgent agent,
                      CreateStages stages, UserNamespaceEntry userNamespace) {
        this(namespaces, processes, fds, executor, program, netDevices, agent, stages, userNamespace, null);
    }

    /** {@code proc}: where the user namespaces of id-mapped mounts get their maps (see {@link MappingProcess}). */
    public StagedInit(Namespaces namespaces, Processes processes, FileDescriptors fds, InitPlanExecutor executor,
                      String program, java.util.Optional<NetDevices> netDevices, SeccompAgent agent,
                      CreateStages stages, UserNamespaceEntry userNamespace, io.jrunc.ports.ProcFs proc) {
        this.idmapMaker = proc == null ? null : new MappingProcess(processes, fds, proc, namespaces, program);
        this.userNamespace = userNamespace;
        this.netDevices = netDevices;
        this.agent = agent;
        this.stages = stages;
        this.namespaces = namespaces;
        this.processes = processes;
        this.fds = fds;
        this.executor = executor;
        this.program = program;
    }

    @Override
    public Either<LifecycleError, Integer> spawn(InitRequest request) {
        int fifo = -1;
        NamespaceThread thread = null;
        NativeInitStage stage = null;
        IdmapUserNamespaces idmaps = IdmapUserNamespaces.NONE;
        try {
            if (IdmapUserNamespaces.needed(request.config())) {
                if (idmapMaker == null) {
                    throw new SyscallException("unshare", io.jrunc.ports.model.Errno.EINVAL,
                            "no support for id-mapped mounts wired in");
                }
                // From the caller's thread, in the runtime's own namespaces, before anything enters the container's.
                idmaps = IdmapUserNamespaces.make(request.config(), idmapMaker, fds);
            }
            fifo = fds.openPath(request.stateDirectory() + "/" + StateFiles.EXEC_FIFO);
            List<Integer> inherited = new ArrayList<>(List.of(0, 1, 2));
            for (int fd = 3; fd < 3 + request.config().process().preservedFds(); fd++) {
                inherited.add(fd);
            }
            inherited.add(fifo);
            // A new cgroup namespace is made later, by the init, once it is in the container's cgroup.
            Set<Namespace> created = EnumSet.noneOf(Namespace.class);
            created.addAll(request.config().newNamespaces());
            created.remove(Namespace.CGROUP);
            boolean userns = UserNamespaceEntry.entersUserNamespace(request.config());
            if (userns) {
                if (userNamespace == null) {
                    throw new SyscallException("unshare", io.jrunc.ports.model.Errno.EINVAL,
                            "no user namespace support wired in");
                }
                // The init makes them all, so that its new user namespace owns them; the thread joins them after.
                created.clear();
            }
            // A joined user namespace is the init's to enter: no thread of the runtime can.
            Map<Namespace, String> joined = new java.util.EnumMap<>(Namespace.class);
            joined.putAll(request.config().joinedNamespaces());
            joined.remove(Namespace.USER);
            thread = NamespaceThread.enter(namespaces, created, joined, "init-" + request.id().value());
            NamespaceThread entered = thread;
            // With a user namespace the init makes the time namespace, and writes its offsets itself.
            request.config().platform().timeOffsets().filter(offsets -> !userns).ifPresent(offsets -> entered.call(() -> {
                executor.setTimeOffsets(offsets);
                return null;
            }));
            // Spawned from the thread, without namespaces of its own: it is born in the thread's.
            java.util.Optional<SpawnedStage> spawned = SpawnedStage.spawn(processes, fds, program, end -> {
                List<Integer> given = new ArrayList<>(inherited);
                given.add(end);
                request.consoleSocket().ifPresent(given::add);
                return given;
            }, spawn -> entered.call(() -> processes.spawn(spawn)), first -> { });
            if (spawned.isEmpty()) {
                return Either.left(new LifecycleError.InitReported("container init exited before it was ready"));
            }
            stage = spawned.get().stage();
            int pid = spawned.get().pid();
            if (userns) {
                pid = userNamespace.enter(thread, stage, pid, request.config());
            }
            waiting.put(pid, new Waiting(thread, stage, fifo, idmaps));
            thread = null;
            stage = null;
            fifo = -1;
            idmaps = IdmapUserNamespaces.NONE;
            return Either.right(pid);
        } catch (SyscallException e) {
            return Either.left(new LifecycleError.KernelRefused("spawn init", e));
        } finally {
            if (thread != null) {
                thread.close();
            }
            if (stage != null) {
                stage.close();
            }
            closeQuietly(fifo);
            idmaps.close();
        }
    }

    @Override
    public Either<LifecycleError, Integer> proceed(InitRequest request, int pid) {
        Waiting w = waiting.remove(pid);
        if (w == null) {
            throw new IllegalStateException("no init " + pid + " waits for go");
        }
        try {
            if (request.config().newNamespaces().contains(Namespace.CGROUP)) {
                try {
                    enterNewCgroupNamespace(w, pid);
                } catch (SyscallException e) {
                    return Either.left(new LifecycleError.KernelRefused("make the cgroup namespace", e));
                }
            }
            // The plan names the fifo by the fd the init inherited it under.
            var plan = w.idmaps().applyTo(request.plan().withExecFifoFd(w.fifoFd()));
            // A notifying filter's fd goes to the agent the moment the init hands it over, before the init goes on
            // (its next syscalls may wait for the agent's answer); the connection is made here, in the host's root.
            SeccompAgent.Connection connection;
            try {
                connection = request.seccompListener().isPresent() ? agent.connect(request, pid) : null;
            } catch (SyscallException e) {
                return Either.left(new LifecycleError.KernelRefused("seccomp agent", e));
            }
            if (connection != null) {
                w.stage().onNotifyFd(connection::handOver);
            }
            try {
                Either<InitFailure, List<InitStep>> done;
                try (RuntimeThread runtime = RuntimeThread.startedHere(plan, namespaces, request)) {
                    PlanHooks hooks = new PlanHooks(request.hooks(), pid,
                            request.config().newNamespaces().contains(Namespace.PID) ? 1 : pid, runtime::call);
                    boolean[] mounted = {false};
                    done = w.thread().call(() -> executor.containerPhase(plan, w.stage(), step -> {
                        // The step after prepare rootfs: the container's mounts are made, mid-plan.
                        if (mounted[0]) {
                            mounted[0] = false;
                            stages.reached(CreateStage.MOUNTED);
                        }
                        if (step instanceof InitStep.PrepareRootfs) {
                            mounted[0] = true;
                        }
                    }, hooks));
                }
                if (done.isLeft()) {
                    // While the init still holds the network namespace: closing its socket below ends it.
                    netDevices.ifPresent(n -> n.moveBack(request.config().platform().netDevices(), pid));
                    return Either.left(new LifecycleError.InitFailed(done.getLeft()));
                }
                return Either.right(pid);
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        } finally {
            // The thread's part is over either way; the container's namespaces live on in its init.
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

    /**
     * Where prestart and createRuntime hooks run: a thread started here, by the caller, in the runtime's own
     * namespaces (the init thread cannot start one, and its children are born in the container's pid namespace);
     * none for a plan without such hooks.
     */
    private static final class RuntimeThread implements AutoCloseable {
        private final NamespaceThread thread;

        private RuntimeThread(NamespaceThread thread) {
            this.thread = thread;
        }

        static RuntimeThread startedHere(io.jrunc.domain.init.InitPlan plan, Namespaces namespaces, InitRequest request) {
            boolean needed = plan.steps().stream().anyMatch(s -> s instanceof InitStep.RunHooks h
                    && (h.point() == HookPoint.PRESTART || h.point() == HookPoint.CREATE_RUNTIME));
            return new RuntimeThread(needed ? NamespaceThread.enter(namespaces, Set.of(), Map.of(),
                    "hooks-" + request.id().value()) : null);
        }

        <T> T call(java.util.function.Supplier<T> task) {
            if (thread == null) {
                throw new IllegalStateException("no runtime-side hooks were planned");
            }
            return thread.call(task);
        }

        @Override public void close() {
            if (thread != null) {
                thread.close();
            }
        }
    }

    private void release(Waiting w) {
        w.thread().close();
        w.stage().close();
        closeQuietly(w.fifoFd());
        // The id-mapped mounts are made (or the create failed): their user namespaces need no fd any more.
        w.idmaps().close();
    }

    /**
     * The container's cgroup namespace, rooted at its cgroup: the init (already moved there by the runtime)
     * creates it, and the thread joins it, so that the cgroup filesystems it mounts show that root too.
     */
    private void enterNewCgroupNamespace(Waiting w, int pid) {
        w.stage().unshareCgroupNamespace();
        w.thread().call(() -> {
            namespaces.setns("/proc/" + pid + "/ns/cgroup", Namespace.CGROUP);
            return null;
        });
    }

    private void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                fds.close(fd);
            } catch (SyscallException e) {
                // Nothing to do about a failed close of our own end.
            }
        }
    }
}
