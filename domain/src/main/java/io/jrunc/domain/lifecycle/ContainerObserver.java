package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.Observation;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import java.util.OptionalLong;

/**
 * Looks at a container's init, files and cgroup and derives its status, as runc's refreshState does. The one
 * place that finds a container's cgroup and the one that decides its status: the use cases ask it for both.
 */
public final class ContainerObserver {
    private final Processes processes;
    private final Filesystem fs;
    private final StateStore store;
    private final CgroupDriver cgroups;

    public ContainerObserver(Processes processes, Filesystem fs, StateStore store, CgroupDriver cgroups) {
        this.processes = processes;
        this.fs = fs;
        this.store = store;
        this.cgroups = cgroups;
    }

    /**
     * A dead init (or a pid now used by another process) is stopped, whatever was saved; a create that never
     * finished (its runtime died) left an init that never got as far as ready, which stays creating. Neither
     * asks the freezer. Otherwise a frozen cgroup is paused, an exec fifo created, and the rest running.
     */
    public ContainerStatus status(StoredState state) {
        if (!initAlive(state)) {
            return ContainerStatus.STOPPED;
        }
        if (ContainerStatus.CREATING.specName().equals(state.statusHint())) {
            return ContainerStatus.CREATING;
        }
        boolean fifo = fs.exists(store.directory(state.id()) + "/" + StateFiles.EXEC_FIFO);
        return ContainerStatus.observe(new Observation(true, fifo, frozen(state)));
    }

    /** A freezer that cannot be read says nothing, so not frozen; the operation that needs it reports why. */
    private boolean frozen(StoredState state) {
        ContainerCgroup cgroup = cgroup(state);
        try {
            return cgroup.frozen();
        } catch (CgroupError | SyscallException e) {
            return false;
        }
    }

    /** The container's cgroup, from the paths its state recorded (none for a state saved before cgroups). */
    public ContainerCgroup cgroup(StoredState state) {
        return cgroups.forExistingContainer(ContainerId.of(state.id()), state.cgroupDriver(), state.cgroupPaths());
    }

    /** Alive, and the same process: a recycled pid has another start time. */
    boolean initAlive(StoredState state) {
        if (state.pid() <= 0 || !processes.isAlive(state.pid())) {
            return false;
        }
        OptionalLong started = processes.startTime(state.pid());
        return started.isPresent() && started.getAsLong() == state.pidStartTime();
    }

    public ContainerState describe(StoredState state) {
        return describe(state, status(state));
    }

    /** The state as runc prints it, for a status already observed: a stopped container's pid is 0. */
    public ContainerState describe(StoredState state, ContainerStatus status) {
        int pid = status == ContainerStatus.STOPPED ? 0 : state.pid();
        return new ContainerState(state.id(), status, pid, state.bundle(), state.rootfs(), state.created(),
                state.owner(), state.annotations());
    }
}
