package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.List;

/** runc ps: the pids (in the host's pid namespace) of every process in the container's cgroup. */
public final class ListProcesses {
    private final StateStore store;
    private final ContainerObserver observer;

    public ListProcesses(StateStore store, ContainerObserver observer) {
        this.store = store;
        this.observer = observer;
    }

    public Either<LifecycleError, List<Integer>> processes(String rawId) {
        return ContainerId.parse(rawId).flatMap(id -> ContainerLookup.find(store, id)).flatMap(this::processesOf);
    }

    private Either<LifecycleError, List<Integer>> processesOf(StoredState state) {
        ContainerCgroup cgroup = observer.cgroup(state);
        try {
            return Either.right(List.copyOf(cgroup.processes()));
        } catch (CgroupError | SyscallException e) {
            if (observer.status(state) == ContainerStatus.STOPPED) {
                // runc: a stopped container whose cgroup is already gone has no processes, not an error.
                return Either.right(List.of());
            }
            return Either.left(new LifecycleError.CgroupRefused("unable to get all container pids: "
                    + e.getMessage()));
        }
    }
}
