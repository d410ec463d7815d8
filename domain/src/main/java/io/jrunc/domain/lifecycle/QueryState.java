package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.StateStore;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;

/** runc state and runc list: what each container is now, derived from what can be observed. */
public final class QueryState {
    private final StateStore store;
    private final ContainerObserver observer;

    public QueryState(StateStore store, ContainerObserver observer) {
        this.store = store;
        this.observer = observer;
    }

    public Either<LifecycleError, ContainerState> state(String id) {
        return ContainerLookup.find(store, id).map(observer::describe);
    }

    /** Every container with a readable state; half-made ones (no state yet) are skipped, as runc does. */
    public List<ContainerState> list() {
        List<ContainerState> all = new ArrayList<>();
        for (String id : store.ids()) {
            store.load(id).ifPresent(s -> all.add(observer.describe(s)));
        }
        return all;
    }
}
