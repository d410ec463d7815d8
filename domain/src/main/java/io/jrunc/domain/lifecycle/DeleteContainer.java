package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * runc delete: a stopped container's state is removed; a created one's waiting init is killed first;
 * a running or paused one needs --force. With --force, a missing container is no error and a half-made
 * one (a directory without state) is cleaned up, so repeating delete --force is harmless.
 */
public final class DeleteContainer {
    private final StateStore store;
    private final Processes processes;
    private final ContainerObserver observer;

    public DeleteContainer(StateStore store, Processes processes, ContainerObserver observer) {
        this.store = store;
        this.processes = processes;
        this.observer = observer;
    }

    public Either<LifecycleError, String> delete(String rawId, boolean force) {
        Either<LifecycleError, ContainerId> parsed = ContainerId.parse(rawId);
        if (parsed.isLeft()) {
            return Either.left(parsed.getLeft());
        }
        String id = parsed.get().value();
        try (StateStore.Lock lock = store.lock(id)) {
            Optional<StoredState> state = store.load(id);
            if (state.isEmpty()) {
                if (store.exists(id)) {
                    // An aborted create left a directory without state: nothing runs there.
                    store.remove(id);
                    return Either.right(id);
                }
                return force ? Either.right(id) : Either.left(new LifecycleError.NotFound(id));
            }
            return deleteLocked(state.get(), force);
        }
    }

    private Either<LifecycleError, String> deleteLocked(StoredState state, boolean force) {
        ContainerStatus status = observer.status(state);
        boolean mustKill = status == ContainerStatus.CREATED
                || (force && (status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED
                        || status == ContainerStatus.CREATING));
        if (!mustKill && status != ContainerStatus.STOPPED) {
            return Either.left(new LifecycleError.WrongStatus(status,
                    "cannot delete container " + state.id() + " that is not stopped: " + status.specName()));
        }
        if (mustKill) {
            InitTermination.killAndAwait(processes, state.pid());
        }
        store.remove(state.id());
        return Either.right(state.id());
    }
}
