package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.Namespace;
import io.vavr.control.Either;
import java.util.List;

/** runc kill: sends a signal to the container's init. */
public final class KillContainer {
    private final StateStore store;
    private final Processes processes;
    private final ContainerObserver observer;

    public KillContainer(StateStore store, Processes processes, ContainerObserver observer) {
        this.store = store;
        this.processes = processes;
        this.observer = observer;
    }

    /**
     * @param all signal every process of the container: those in its own pid namespace. A container that
     *            shares the host's pid namespace has no such boundary; until its cgroup can tell its
     *            processes apart, that is refused rather than half done.
     */
    public Either<LifecycleError, ContainerState> kill(String id, int signal, boolean all) {
        return ContainerLookup.find(store, id).flatMap(state -> all ? signalAll(state, signal) : signal(state, signal));
    }

    private Either<LifecycleError, ContainerState> signalAll(StoredState state, int signal) {
        ContainerStatus status = observer.status(state);
        if (!status.canKill()) {
            return Either.left(new LifecycleError.WrongStatus(status, "container not running"));
        }
        List<Integer> members = processes.sharingNamespace(state.pid(), Namespace.PID);
        if (members.contains(processes.self())) {
            return Either.left(new LifecycleError.Unsupported("kill --all of a container in the host's pid namespace"));
        }
        for (int pid : members) {
            try {
                processes.kill(pid, signal);
            } catch (SyscallException e) {
                // Ended meanwhile: one fewer to signal.
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
        return Either.right(observer.describe(state));
    }
}
