package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
        return list(skipped -> { });
    }

    /**
     * As {@link #list()}, telling {@code skipped} in runc's words of each directory it leaves out: a half-made
     * container (a create that died before it saved a state) or one whose state cannot be read. One such never
     * hides the others, as in runc, where list warns and goes on.
     */
    public List<ContainerState> list(Consumer<String> skipped) {
        List<ContainerState> all = new ArrayList<>();
        for (String id : store.ids()) {
            try {
                store.load(id).ifPresentOrElse(s -> all.add(observer.describe(s)),
                        () -> skipped.accept("load container " + id + ": " + new LifecycleError.NotFound(id).message()));
            } catch (SyscallException e) {
                skipped.accept("load container " + id + ": " + e.getMessage());
            }
        }
        return all;
    }
}
