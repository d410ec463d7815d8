package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.Namespace;
import io.vavr.control.Either;
import java.util.List;

/** runc kill: sends a signal to the container's init, or with --all to every process in its cgroup. */
public final class KillContainer {
    private static final int SIGKILL = io.jrunc.ports.model.Signal.SIGKILL.number();
    private final StateStore store;
    private final Processes processes;
    private final ContainerObserver observer;

    public KillContainer(StateStore store, Processes processes, ContainerObserver observer) {
        this.store = store;
        this.processes = processes;
        this.observer = observer;
    }

    /**
     * @param all signal every process in the container's cgroup, as runc does: that holds also for a container
     *            that shares the host's pid namespace, where a namespace marks no boundary. A frozen cgroup is
     *            thawed afterwards, so the processes can act on the signal (a SIGKILL needs no thaw, but a TERM does).
     *            A stopped container is no error with --all, as in runc 1.1: what its cgroup still holds (processes
     *            its init left behind, without a pid namespace of its own) is signalled. Without --all, a paused
     *            container's init is thawed after a SIGKILL, as runc 1.1 does, so that it ends.
     */
    public Either<LifecycleError, ContainerState> kill(String id, int signal, boolean all) {
        return ContainerLookup.find(store, id).flatMap(state -> all ? signalAll(state, signal) : signal(state, signal));
    }

    private Either<LifecycleError, ContainerState> signalAll(StoredState state, int signal) {
        ContainerStatus status = observer.status(state);
        if (status == ContainerStatus.STOPPED && state.cgroupPaths().isEmpty()) {
            // runc 1.1 signals what its cgroup still holds, and succeeds with nothing there.
            return Either.right(observer.describe(state));
        }
        ContainerCgroup cgroup = observer.cgroup(state);
        List<Integer> members = state.cgroupPaths().isEmpty()
                ? processes.sharingNamespace(state.pid(), Namespace.PID) : cgroup.processes();
        if (state.cgroupPaths().isEmpty() && members.contains(processes.self())) {
            // A state without a cgroup (saved before cgroups) has only the namespace to go by.
            return Either.left(new LifecycleError.Unsupported("kill --all of a container in the host's pid namespace"));
        }
        for (int pid : members) {
            try {
                processes.kill(pid, signal);
            } catch (SyscallException e) {
                // Ended meanwhile: one fewer to signal.
            }
        }
        if (status == ContainerStatus.PAUSED) {
            try {
                cgroup.thaw();
            } catch (CgroupError e) {
                return Either.left(new LifecycleError.BadConfig("signal sent, but the cgroup could not be thawed: "
                        + e.getMessage()));
            }
        }
        return Either.right(observer.describe(state));
    }

    private Either<LifecycleError, ContainerState> signal(StoredState state, int signal) {
        ContainerStatus status = observer.status(state);
        if (!status.canKill()) {
            return Either.left(new LifecycleError.WrongStatus(status, "container not running"));
        }
        try {
            processes.kill(state.pid(), signal);
        } catch (SyscallException e) {
            return Either.left(new LifecycleError.KernelRefused("kill", e));
        }
        if (status == ContainerStatus.PAUSED && signal == SIGKILL) {
            try {
                observer.cgroup(state).thaw();
            } catch (CgroupError e) {
                return Either.left(new LifecycleError.BadConfig("signal sent, but the cgroup could not be thawed: "
                        + e.getMessage()));
            }
        }
        return Either.right(observer.describe(state));
    }
}
