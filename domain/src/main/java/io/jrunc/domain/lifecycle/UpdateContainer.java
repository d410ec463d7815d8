package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * runc update: changes the resource limits of a container that has not stopped. The changes go to its cgroup
 * first; only once the cgroup took them are they merged into the container's frozen config, so that a later
 * update, and {@code state}, see what the cgroup holds.
 */
public final class UpdateContainer {
    private final StateStore store;
    private final ContainerObserver observer;
    private final ConfigResources configs;

    public UpdateContainer(StateStore store, ContainerObserver observer, ConfigResources configs) {
        this.store = store;
        this.observer = observer;
        this.configs = configs;
    }

    /** @param requested the resources given on the command line or in the resources file; absent means unchanged */
    public Either<LifecycleError, ContainerState> update(String rawId, Resources requested) {
        return ContainerId.parse(rawId).flatMap(id -> {
            try (StateStore.Lock lock = store.lock(id.value())) {
                return ContainerLookup.find(store, id).flatMap(state -> updateLocked(state, requested));
            }
        });
    }

    private Either<LifecycleError, ContainerState> updateLocked(StoredState state, Resources requested) {
        ContainerStatus status = observer.status(state);
        if (status == ContainerStatus.STOPPED) {
            return Either.left(new LifecycleError.WrongStatus(status, "container not running"));
        }
        ContainerCgroup cgroup = observer.cgroup(state);
        Optional<byte[]> config = store.readFile(state.id(), StateFiles.CONFIG);
        if (config.isEmpty()) {
            return Either.left(new LifecycleError.BadConfig("the container's " + StateFiles.CONFIG + " is missing"));
        }
        Either<String, Optional<Resources>> read = configs.read(config.get());
        if (read.isLeft()) {
            return Either.left(new LifecycleError.BadConfig("the container's " + StateFiles.CONFIG + ": "
                    + read.getLeft()));
        }
        Resources current = read.get().orElseGet(() -> Resources.builder().build());
        ResourceUpdate update = ResourceUpdate.of(requested);
        Either<LifecycleError, Boolean> applied = CgroupOperations.run("update", () -> cgroup.update(update.changes()));
        if (applied.isLeft()) {
            restore(cgroup, current);
            return Either.left(applied.getLeft());
        }
        try {
            store.writeFile(state.id(), StateFiles.CONFIG, configs.withResources(config.get(),
                    update.applyTo(current)));
        } catch (SyscallException e) {
            restore(cgroup, current);
            return Either.left(new LifecycleError.KernelRefused("save the updated config", e));
        }
        return Either.right(observer.describe(state, status));
    }

    /** As runc: a change the cgroup refused halfway is undone by writing the values that held before. */
    private static void restore(ContainerCgroup cgroup, Resources current) {
        CgroupOperations.run("update", () -> cgroup.update(ResourceUpdate.restoring(current)));
    }
}
