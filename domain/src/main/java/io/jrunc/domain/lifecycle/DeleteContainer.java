package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.ports.model.SyscallException;
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
                boolean halfMade = store.exists(id);
                // An aborted create left a directory without state: nothing runs there. Anything else at the
                // id's name (a link, never followed) is no container, and goes as runc's RemoveAll takes it.
                store.remove(id);
                if (halfMade || force) {
                    return Either.right(id);
                }
                return Either.left(new LifecycleError.NotFound(id));
            }
            return deleteLocked(state.get(), force);
        }
    }

    private Either<LifecycleError, String> deleteLocked(StoredState state, boolean force) {
        ContainerStatus status = observer.status(state);
        if (!force && !status.canDelete()) {
            return Either.left(new LifecycleError.WrongStatus(status,
                    "cannot delete container " + state.id() + " that is not stopped: " + status.specName()));
        }
        if (status == ContainerStatus.PAUSED) {
            thawKilled(state);
        }
        if (status != ContainerStatus.STOPPED) {
            InitTermination.killAndAwait(processes, state.pid());
        }
        removeCgroup(state);
        store.remove(state.id());
        return Either.right(state.id());
    }

    /** A frozen process cannot act on SIGKILL until thawed: kill everything, then thaw, so it dies at once. */
    private void thawKilled(StoredState state) {
        ContainerCgroup cgroup = observer.cgroup(state);
        try {
            for (int pid : cgroup.processes()) {
                try {
                    processes.kill(pid, io.jrunc.ports.model.Signal.SIGKILL.number());
                } catch (SyscallException e) {
                    // gone already
                }
            }
            cgroup.thaw();
        } catch (CgroupError e) {
            // The kill below still ends what it can.
        }
    }

    /**
     * The init is gone; with it every process of a container in its own pid namespace. One that shares the
     * host's may have left processes in the cgroup, which go now, as runc's destroy kills them. A cgroup
     * that still will not go is left, and the state removed all the same, as runc does (it only warns).
     */
    private void removeCgroup(StoredState state) {
        if (state.cgroupPaths().isEmpty()) {
            return;
        }
        ContainerCgroup cgroup = observer.cgroup(state);
        try {
            for (int pid : cgroup.processes()) {
                InitTermination.killAndAwait(processes, pid);
            }
            cgroup.destroy();
        } catch (CgroupError | SyscallException e) {
            // runc: "unable to destroy container" is a warning, not a failed delete.
        }
    }
}
