package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.cgroups.DeviceAccess;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.init.InitPlanner;
import io.jrunc.domain.init.RootPaths;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * runc create: the init is started in the container's namespaces, put in the container's cgroup with its
 * limits applied, runs the plan up to the exec fifo, and waits there for start. On any failure everything
 * made so far is taken down: the init, the cgroup, the state.
 */
public final class CreateContainer {
    private final StateStore store;
    private final Filesystem fs;
    private final Processes processes;
    private final InitLauncher launcher;
    private final InitPlanExecutor executor;
    private final Clock clock;
    private final CgroupDriver cgroups;
    private final LifecycleHooks hooks;
    private final java.util.Optional<NetDevices> netDevices;

    private final CreateStages stages;

    public CreateContainer(StateStore store, Filesystem fs, Processes processes, InitLauncher launcher,
                           InitPlanExecutor executor, Clock clock, CgroupDriver cgroups) {
        this(store, fs, processes, launcher, executor, clock, cgroups, LifecycleHooks.NONE, java.util.Optional.empty(),
                CreateStages.NONE);
    }

    public CreateContainer(StateStore store, Filesystem fs, Processes processes, InitLauncher launcher,
                           InitPlanExecutor executor, Clock clock, CgroupDriver cgroups, CreateStages stages) {
        this(store, fs, processes, launcher, executor, clock, cgroups, LifecycleHooks.NONE, java.util.Optional.empty(),
                stages);
    }

    public CreateContainer(StateStore store, Filesystem fs, Processes processes, InitLauncher launcher,
                           InitPlanExecutor executor, Clock clock, CgroupDriver cgroups, LifecycleHooks hooks) {
        this(store, fs, processes, launcher, executor, clock, cgroups, hooks, java.util.Optional.empty(),
                CreateStages.NONE);
    }

    /**
     * {@code netDevices}: moves linux.netDevices back to the host when a create fails after moving them;
     * {@code stages}: NONE but in the test that stops the runtime at each stage of create.
     */
    public CreateContainer(StateStore store, Filesystem fs, Processes processes, InitLauncher launcher,
                           InitPlanExecutor executor, Clock clock, CgroupDriver cgroups, LifecycleHooks hooks,
                           java.util.Optional<NetDevices> netDevices, CreateStages stages) {
        this.hooks = hooks;
        this.netDevices = netDevices;
        this.stages = stages;
        this.cgroups = cgroups;
        this.store = store;
        this.fs = fs;
        this.processes = processes;
        this.launcher = launcher;
        this.executor = executor;
        this.clock = clock;
    }

    /** The plan create would carry out, for the dry run. */
    public static InitPlan plan(CreateRequest request) {
        return InitPlanner.plan(request.config(), StateFiles.EXEC_FIFO_FD, request.newSessionKeyring()
                ? java.util.Optional.of("_ses." + request.id()) : java.util.Optional.empty(), request.consoleSocket());
    }

    public Either<LifecycleError, ContainerState> create(CreateRequest request) {
        Either<LifecycleError, ContainerId> parsed = ContainerId.parse(request.id());
        if (parsed.isLeft()) {
            return Either.left(parsed.getLeft());
        }
        ContainerId id = parsed.get();
        try (StateStore.Lock lock = store.lock(id.value())) {
            if (store.exists(id.value())) {
                return Either.left(new LifecycleError.AlreadyExists(id.value()));
            }
            String rootfs = request.config().rootfs().path();
            // Checked before anything is made, so a bad bundle leaves nothing to clean up.
            if (RootPaths.passesThroughLink(fs, rootfs)) {
                // runc's words: a link can be swapped between this check and the mounts that use the path.
                return Either.left(new LifecycleError.BadConfig("invalid rootfs: not an absolute path, or a symlink"));
            }
            if (!fs.isDirectory(rootfs)) {
                return Either.left(new LifecycleError.BadConfig("rootfs (\"" + rootfs + "\") does not exist"));
            }
            try {
                store.create(id.value());
            } catch (SyscallException e) {
                return e.errno() == Errno.EEXIST
                        ? Either.left(new LifecycleError.AlreadyExists(id.value()))
                        : Either.left(new LifecycleError.KernelRefused("create state directory", e));
            }
            stages.reached(CreateStage.STATE_DIR);
            Either<LifecycleError, ContainerState> created;
            try {
                created = build(id, request);
            } catch (RuntimeException | Error e) {
                // A bug is no reason to leave a state directory behind either.
                store.remove(id.value());
                throw e;
            }
            if (created.isLeft()) {
                store.remove(id.value());
                // As runc's destroy of a create that failed: whatever prestart or createRuntime hooks set up
                // (a network, say) is the poststop hooks' to take down.
                hooks.poststop(request.config().hooks(), id.value(), request.bundle(), request.annotations());
            }
            return created;
        }
    }

    private Either<LifecycleError, ContainerState> build(ContainerId id, CreateRequest request) {
        String dir = store.directory(id.value());
        Map<String, String> devices = request.config().platform().netDevices();
        InitPlan plan = executor.compiled(plan(request));
        InitRequest init = new InitRequest(id, request.bundle(), dir, request.config(), plan,
                hooks.context(id.value(), request.bundle(), request.annotations()), request.consoleSocket(),
                request.annotations(), request.seccompListener());
        var spec = request.config().cgroup();
        ContainerCgroup cgroup;
        Resources resources;
        try {
            // Where it goes and what it limits are checked before anything is made.
            cgroup = cgroups.forNewContainer(id, spec.path(), request.annotations());
            resources = DeviceAccess.forNewContainer(spec.resources(), spec.devices());
            cgroup.check(resources);
        } catch (CgroupError e) {
            return Either.left(cgroupFailed(e));
        }
        int pid = 0;
        try {
            store.writeFile(id.value(), StateFiles.CONFIG, request.configJson());
            fs.mkfifo(dir + "/" + StateFiles.EXEC_FIFO, 0622);
            Either<LifecycleError, Integer> spawned = launcher.spawn(init);
            if (spawned.isLeft()) {
                return fail(spawned.getLeft(), 0, cgroup, devices);
            }
            pid = spawned.get();
            // Should this command die before the state below is saved, the init sees its sync socket close
            // and exits, and what is left is the state directory alone, which delete takes as runc does.
            stages.reached(CreateStage.SPAWNED);
            // Saved at once, as "creating", and before the cgroup is made: should this command die from here
            // on, delete --force finds the init by its pid and kills it, and the cgroup by its paths. Nothing
            // outside the state directory is made that a saved state does not name.
            StoredState creating = state(id, request, pid, ContainerStatus.CREATING, cgroup.paths());
            store.save(creating);
            // Before they move: should this command die after, delete --force knows what to give back.
            netDevices.ifPresent(n -> n.remember(id.value(), devices));
            cgroup.create();
            stages.reached(CreateStage.CGROUP);
            // The init waits on its sync socket until "go": it joins the cgroup and gets its limits before it
            // can run a step of its own, let alone the user's program.
            cgroup.join(pid);
            cgroup.apply(resources);
            // The runtime's own steps (rlimits, OOM score) land before the init runs any step of its own.
            var runtime = executor.runtimePhase(plan, pid);
            if (runtime.isLeft()) {
                return fail(new LifecycleError.InitFailed(runtime.getLeft()), pid, cgroup, devices);
            }
            Either<LifecycleError, Integer> ready = launcher.proceed(init, pid);
            if (ready.isLeft()) {
                return fail(ready.getLeft(), pid, cgroup, devices);
            }
            stages.reached(CreateStage.EXEC_REQUESTED);
            StoredState state = creating.withCgroupPaths(cgroup.paths()).withStatusHint(ContainerStatus.CREATED.specName());
            store.save(state);
            return Either.right(new ContainerState(id.value(), ContainerStatus.CREATED, pid, state.bundle(),
                    state.rootfs(), state.created(), state.owner(), state.annotations()));
        } catch (CgroupError e) {
            return fail(cgroupFailed(e), pid, cgroup, devices);
        } catch (SyscallException e) {
            return fail(new LifecycleError.KernelRefused("create", e), pid, cgroup, devices);
        } catch (RuntimeException | Error e) {
            // Not a refusal but a bug (a class the init thread could not load, say): still nothing is left behind.
            takeDown(pid, cgroup, devices);
            throw e;
        }
    }

    /** runc's words for a cgroup that cannot be made or set: "unable to apply cgroup configuration". */
    private static LifecycleError cgroupFailed(CgroupError e) {
        return new LifecycleError.BadConfig("unable to apply cgroup configuration: " + e.getMessage());
    }

    /** Fails the create with {@code error}, once the init and its cgroup are taken down. */
    private Either<LifecycleError, ContainerState> fail(LifecycleError error, int pid, ContainerCgroup cgroup,
                                                        Map<String, String> devices) {
        takeDown(pid, cgroup, devices);
        return Either.left(error);
    }

    /**
     * Takes down the init, then its cgroup (which refuses removal while a process is in it); host links moved into
     * its network namespace go back first, or the namespace would take a virtual one with it.
     */
    private void takeDown(int pid, ContainerCgroup cgroup, Map<String, String> devices) {
        if (pid > 0) {
            netDevices.ifPresent(n -> n.moveBack(devices, pid));
            kill(pid);
            launcher.discard(pid);
        }
        try {
            cgroup.destroy();
        } catch (CgroupError | SyscallException e) {
            // The create fails for the first reason; a cgroup that would not go is no news to the caller.
        }
    }

    private StoredState state(ContainerId id, CreateRequest request, int pid, ContainerStatus status,
                              Map<String, String> cgroupPaths) {
        return new StoredState(id.value(), pid, processes.startTime(pid).orElse(0L), request.bundle(),
                request.config().rootfs().path(), DateTimeFormatter.ISO_INSTANT.format(clock.instant()),
                request.owner(), status.specName(), request.annotations(), cgroupPaths, cgroups.name());
    }

    /** A half-made container's init must not outlive the failed create. */
    private void kill(int pid) {
        InitTermination.killAndAwait(processes, pid);
    }
}
