package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.vavr.control.Either;

/** Finds a container's saved state by the id a user typed. */
final class ContainerLookup {
    private ContainerLookup() {
    }

    static Either<LifecycleError, StoredState> find(StateStore store, ContainerId id) {
        return store.load(id.value())
                .<Either<LifecycleError, StoredState>>map(Either::right)
                .orElseGet(() -> Either.left(new LifecycleError.NotFound(id.value())));
    }

    static Either<LifecycleError, StoredState> find(StateStore store, String id) {
        return ContainerId.parse(id).flatMap(valid -> find(store, valid));
    }
}
