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
 * a running or paused one needs --force. A half-made one (a directory without state) is cleaned up, and as in runc
 * that is no error with --force only; with --force a missing container is no error either, so repeating
 * delete --force is harmless.
 */
public final class DeleteContainer {
    private final StateStore store;
    private final Processes processes;
    private final ContainerObserver observer;
    private final LifecycleHooks hooks;

    private final java.util.Optional<NetDevices> netDevices;

    public DeleteContainer(StateStore store, Processes processes, ContainerObserver observer) {
        this(store, processes, observer, LifecycleHooks.NONE, java.util.Optional.empty());
    }

    public DeleteContainer(StateStore store, Processes processes, ContainerObserver observer, LifecycleHooks hooks) {
        this(store, processes, observer, hooks, java.util.Optional.empty());
    }

    /** {@code netDevices}: gives linux.netDevices back to the host before the init (and its namespace) goes. */
    public DeleteContainer(StateStore store, Processes processes, ContainerObserver observer, LifecycleHooks hooks,
                           java.util.Optional<NetDevices> netDevices) {
        this.hooks = hooks;
        this.netDevices = netDevices;
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
                // A create that died before it saved a state left a directory alone: nothing runs there and no
                // cgroup was made (CreateContainer saves the state first). Anything else at the id's name (a
                // link, never followed) is no container, and goes as runc's RemoveAll takes it. Then, as runc:
                // no error with --force, "container does not exist" without.
                store.remove(id);
                return force ? Either.right(id) : Either.left(new LifecycleError.NotFound(id));
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
            netDevices.ifPresent(n -> n.moveBack(state.id(), state.pid()));
            InitTermination.killAndAwait(processes, state.pid());
        }
        io.jrunc.domain.config.Hooks configured = hooks.hooksOf(store, state);
        removeCgroup(state);
        store.remove(state.id());
        // After the container is gone, before delete returns (runtime.md); runc's destroy runs them last too.
        hooks.poststop(configured, state.id(), state.bundle(), state.annotations());
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
