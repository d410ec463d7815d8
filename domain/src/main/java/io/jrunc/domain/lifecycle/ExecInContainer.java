package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.ExecPlanner;
import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;

/**
 * runc exec: a new process in a running (or created) container, in every namespace of its init and in its cgroup,
 * with the credentials, labels, seccomp filter and rlimits its process asks for. Returns the process's pid; the
 * caller waits for it (it is our child) or leaves it running (--detach). A failure leaves no process behind.
 *
 * <p>No lock is held: runc takes none for exec either, and an exec into a paused container (--ignore-paused)
 * waits until it is resumed, which must remain possible meanwhile.
 */
public final class ExecInContainer {
    /** runc's words. */
    static final String STOPPED = "cannot exec in a stopped container";
    static final String PAUSED = "cannot exec in a paused container (use --ignore-paused to override)";

    private final StateStore store;
    private final ContainerObserver observer;
    private final ExecLauncher launcher;
    private final InitPlanExecutor executor;
    private final Processes processes;

    public ExecInContainer(StateStore store, ContainerObserver observer, ExecLauncher launcher,
                           InitPlanExecutor executor, Processes processes) {
        this.store = store;
        this.observer = observer;
        this.launcher = launcher;
        this.executor = executor;
        this.processes = processes;
    }

    /** The plan exec would carry out, for the dry run. */
    public static InitPlan plan(ExecRequest request) {
        return ExecPlanner.plan(request.config(), request.consoleSocket());
    }

    public Either<LifecycleError, Integer> exec(ExecRequest request) {
        return ContainerLookup.find(store, request.id()).flatMap(state -> execIn(state, request));
    }

    private Either<LifecycleError, Integer> execIn(StoredState state, ExecRequest request) {
        ContainerStatus status = observer.status(state);
        if (status == ContainerStatus.STOPPED || status == ContainerStatus.CREATING) {
            return Either.left(new LifecycleError.WrongStatus(status, STOPPED));
        }
        if (status == ContainerStatus.PAUSED && !request.ignorePaused()) {
            return Either.left(new LifecycleError.WrongStatus(status, PAUSED));
        }
        ContainerCgroup cgroup = observer.cgroup(state);
        // Compiled here, on the host, before any thread enters the container.
        InitPlan plan = executor.compiled(plan(request));
        Either<LifecycleError, Integer> spawned = launcher.spawn(
                new ExecTarget(state.id(), state.pid(), state.pidStartTime()),
                request.config().process().preservedFds(), request.consoleSocket());
        if (spawned.isLeft()) {
            return spawned;
        }
        int pid = spawned.get();
        try {
            // In the container's cgroup before it runs a step of its own, let alone the program.
            cgroup.joinSub(pid, request.subCgroups());
            var runtime = executor.runtimePhase(plan, pid);
            if (runtime.isLeft()) {
                return fail(new LifecycleError.InitFailed(runtime.getLeft()), pid);
            }
            Either<LifecycleError, Integer> ran = launcher.proceed(pid, plan);
            if (ran.isLeft()) {
                return fail(ran.getLeft(), pid);
            }
            return ran;
        } catch (CgroupError e) {
            return fail(new LifecycleError.CgroupRefused("join the container's cgroup: " + e.getMessage()), pid);
        } catch (SyscallException e) {
            return fail(new LifecycleError.KernelRefused("exec", e), pid);
        } catch (RuntimeException | Error e) {
            kill(pid);
            throw e;
        }
    }

    private Either<LifecycleError, Integer> fail(LifecycleError error, int pid) {
        kill(pid);
        return Either.left(error);
    }

    /** A half-made exec must not outlive the failure: killed, reaped, and whatever held it let go. */
    private void kill(int pid) {
        InitTermination.killAndAwait(processes, pid);
        launcher.discard(pid);
    }
}
