package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.vavr.control.Either;

/** runc resume: thaws a paused container, which goes back to what it was before (running, or still created). */
public final class ResumeContainer {
    private final StateStore store;
    private final ContainerObserver observer;

    public ResumeContainer(StateStore store, ContainerObserver observer) {
        this.store = store;
        this.observer = observer;
    }

    public Either<LifecycleError, ContainerState> resume(String rawId) {
        return ContainerId.parse(rawId).flatMap(id -> {
            try (StateStore.Lock lock = store.lock(id.value())) {
                return ContainerLookup.find(store, id).flatMap(this::resumeLocked);
            }
        });
    }

    private Either<LifecycleError, ContainerState> resumeLocked(StoredState state) {
        ContainerStatus status = observer.status(state);
        if (!status.canResume()) {
            return Either.left(new LifecycleError.WrongStatus(status, "container not paused"));
        }
        ContainerCgroup cgroup = observer.cgroup(state);
        return CgroupOperations.run("thaw", cgroup::thaw).map(thawed -> {
            // Thawed, the container is what the init and its exec fifo say: running, or created if never started.
            // It is asked without the paused hint, so an observer that trusts hints does not see the old one.
            StoredState hinted = state.withStatusHint(ContainerStatus.RUNNING.specName());
            ContainerStatus now = observer.status(hinted);
            StoredState resumed = state.withStatusHint(now.specName());
            store.save(resumed);
            return observer.describe(resumed, now);
        });
    }
}
