package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;

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
     * @param all signal every process of the container; that needs its cgroup, so it is refused until
     *            cgroups land rather than signalling the init alone and calling it done
     */
    public Either<LifecycleError, ContainerState> kill(String id, int signal, boolean all) {
        return ContainerLookup.find(store, id).flatMap(state -> {
            if (all) {
                return Either.left(new LifecycleError.Unsupported("kill --all (it needs cgroups)"));
            }
            return signal(state, signal);
        });
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
