package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.init.InitStep;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Processes;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.FsCredentials;
import io.jrunc.domain.runtime.IdMappings;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs a container's init plan on a thread of this process instead of in a child: with the fake kernel
 * that is the whole container, which lets lifecycle tests and the dry run follow every step without root.
 */
public final class InProcessInit implements InitLauncher {
    private final Processes processes;
    private final FileDescriptors fds;
    private final InitPlanExecutor executor;
    private final ProcFs proc;
    private final FsCredentials files;
    /** Where the user namespaces of id-mapped mounts are opened; without it such a config fails. */
    private final io.jrunc.ports.Namespaces namespaces;
    /** Each created init's id-mapped mounts' user namespaces, until its plan has run. */
    private final java.util.Map<Integer, IdmapUserNamespaces> idmaps = new java.util.concurrent.ConcurrentHashMap<>();

    public InProcessInit(Processes processes, FileDescriptors fds, InitPlanExecutor executor) {
        this(processes, fds, executor, null, null);
    }

    /** {@code proc} and {@code files} show a new user namespace's set-up; without them such a config fails. */
    public InProcessInit(Processes processes, FileDescriptors fds, InitPlanExecutor executor, ProcFs proc,
                         FsCredentials files) {
        this(processes, fds, executor, proc, files, null);
    }

    /** {@code namespaces}: the user namespaces of id-mapped mounts are shown made, as the real launcher makes them. */
    public InProcessInit(Processes processes, FileDescriptors fds, InitPlanExecutor executor, ProcFs proc,
                         FsCredentials files, io.jrunc.ports.Namespaces namespaces) {
        this.namespaces = namespaces;
        this.proc = proc;
        this.files = files;
        this.processes = processes;
        this.fds = fds;
        this.executor = executor;
    }

    @Override
    public Either<LifecycleError, Integer> spawn(InitRequest request) {
        IdmapUserNamespaces mapped = IdmapUserNamespaces.NONE;
        try {
            // As the real launcher does, on the thread that made the time namespace, before anything enters it.
            boolean userns = UserNamespaceEntry.entersUserNamespace(request.config());
            request.config().platform().timeOffsets().filter(offsets -> !userns).ifPresent(executor::setTimeOffsets);
            if (IdmapUserNamespaces.needed(request.config())) {
                if (proc == null || namespaces == null) {
                    throw new SyscallException("unshare", io.jrunc.ports.model.Errno.EINVAL,
                            "no support for id-mapped mounts wired in");
                }
                mapped = IdmapUserNamespaces.make(request.config(), this::mappingNamespace, fds);
            }
            // Recorded as the real launcher spawns it: jrunc-init, born in the container's namespaces.
            List<Integer> inherited = new java.util.ArrayList<>(List.of(0, 1, 2, StateFiles.EXEC_FIFO_FD));
            request.consoleSocket().ifPresent(inherited::add);
            int pid = processes.spawn(new SpawnRequest("jrunc-init", List.of("jrunc-init"),
                    List.of(), request.config().newNamespaces(), request.config().joinedNamespaces(), inherited));
            if (UserNamespaceEntry.entersUserNamespace(request.config())) {
                // What UserNamespaceEntry does around the init's own unshare and clone, for the dry run to show.
                if (proc == null || files == null) {
                    throw new SyscallException("unshare", io.jrunc.ports.model.Errno.EINVAL,
                            "no user namespace support wired in");
                }
                IdMappings ids = request.config().idMappings();
                if (UserNamespaceEntry.makesUserNamespace(request.config())) {
                    proc.write(pid, "uid_map", ids.uidMap());
                    proc.write(pid, "gid_map", ids.gidMap());
                }
                // The init makes the time namespace with the others it owns, and writes their offsets itself.
                Optional<String> offsets = request.config().platform().timeOffsets();
                if (offsets.isPresent()) {
                    proc.write(pid, "timens_offsets", offsets.get());
                }
                files.createFilesAs((int) ids.hostUid(0).orElse(0), (int) ids.hostGid(0).orElse(0));
            }
            idmaps.put(pid, mapped);
            mapped = IdmapUserNamespaces.NONE;
            return Either.right(pid);
        } catch (SyscallException e) {
            mapped.close();
            return Either.left(new LifecycleError.KernelRefused("spawn init", e));
        }
    }

    /**
     * The mapping process of {@link MappingProcess} as the fake kernel shows it: spawned in the runtime's namespaces,
     * its maps written, its user namespace opened, then ended.
     */
    private int mappingNamespace(IdMappings mappings) {
        int pid = processes.spawn(new SpawnRequest("jrunc-init", List.of("jrunc-init"), List.of(),
                java.util.Set.of(io.jrunc.ports.model.Namespace.USER), java.util.Map.of(), List.of(0, 1, 2)));
        try {
            proc.write(pid, "uid_map", mappings.uidMap());
            proc.write(pid, "gid_map", mappings.gidMap());
            return namespaces.openNamespace("/proc/" + pid + "/ns/user");
        } finally {
            InitTermination.killAndAwait(processes, pid);
        }
    }

    @Override
    public void discard(int pid) {
        IdmapUserNamespaces mapped = idmaps.remove(pid);
        if (mapped != null) {
            mapped.close();
        }
    }

    @Override
    public Either<LifecycleError, Integer> proceed(InitRequest request, int pid) {
        CompletableFuture<LifecycleError> outcome = new CompletableFuture<>();
        // As the real init does, hold the exec fifo by an fd and plan the wait on that fd.
        int fifo;
        try {
            fifo = fds.openPath(request.stateDirectory() + "/" + StateFiles.EXEC_FIFO);
        } catch (SyscallException e) {
            return Either.left(new LifecycleError.KernelRefused("open exec fifo", e));
        }
        IdmapUserNamespaces mapped = idmaps.remove(pid);
        InitPlan plan = (mapped == null ? IdmapUserNamespaces.NONE : mapped).applyTo(request.plan().withExecFifoFd(fifo));
        // The fake kernel has one set of namespaces: the runtime's side is this same thread.
        io.jrunc.domain.init.PlanHooks hooks = new io.jrunc.domain.init.PlanHooks(request.hooks(), pid,
                request.config().newNamespaces().contains(io.jrunc.ports.model.Namespace.PID) ? 1 : pid,
                new io.jrunc.domain.init.PlanHooks.RuntimeSide() {
                    @Override public <T> T call(java.util.function.Supplier<T> task) {
                        return task.get();
                    }
                });
        Thread init = new Thread(() -> executor.containerPhase(plan, executor.inProcess(pid), step -> {
            if (step instanceof InitStep.AwaitStart) {
                outcome.complete(null); // ready: from here the init waits for start
            }
        }, hooks).peekLeft(failure -> outcome.complete(new LifecycleError.InitFailed(failure))), "init-" + request.id());
        // The simulated init blocks on its exec fifo until start; it must not keep the JVM alive.
        init.setDaemon(true);
        init.start();
        try {
            LifecycleError error = outcome.get();
            // Made or failed, the id-mapped mounts need their user namespaces no more.
            if (mapped != null) {
                mapped.close();
            }
            return error == null ? Either.right(pid) : Either.left(error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(new LifecycleError.BadConfig("interrupted while the init ran"));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
