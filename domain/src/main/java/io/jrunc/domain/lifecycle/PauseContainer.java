package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.vavr.control.Either;

/** runc pause: freezes every process of a running (or created) container. */
public final class PauseContainer {
    private final StateStore store;
    private final ContainerObserver observer;

    public PauseContainer(StateStore store, ContainerObserver observer) {
        this.store = store;
        this.observer = observer;
    }

    public Either<LifecycleError, ContainerState> pause(String rawId) {
        return ContainerId.parse(rawId).flatMap(id -> {
            try (StateStore.Lock lock = store.lock(id.value())) {
                return ContainerLookup.find(store, id).flatMap(this::pauseLocked);
            }
        });
    }

    private Either<LifecycleError, ContainerState> pauseLocked(StoredState state) {
        ContainerStatus status = observer.status(state);
        if (!status.canPause()) {
            // runc's libcontainer ErrNotRunning, also for a container that is already paused.
            return Either.left(new LifecycleError.WrongStatus(status, "container not running"));
        }
        ContainerCgroup cgroup = observer.cgroup(state);
        return CgroupOperations.run("freeze", cgroup::freeze).map(frozen -> {
            StoredState paused = state.withStatusHint(ContainerStatus.PAUSED.specName());
            store.save(paused);
            return observer.describe(paused, ContainerStatus.PAUSED);
        });
    }
}
