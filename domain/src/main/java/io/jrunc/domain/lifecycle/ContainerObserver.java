package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.Observation;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import java.util.OptionalLong;

/** Looks at a container's init and files and derives its status, as runc's refreshState does. */
public final class ContainerObserver {
    private final Processes processes;
    private final Filesystem fs;
    private final StateStore store;
    private final CgroupDriver cgroups;

    public ContainerObserver(Processes processes, Filesystem fs, StateStore store, CgroupDriver cgroups) {
        this.cgroups = cgroups;
        this.processes = processes;
        this.fs = fs;
        this.store = store;
    }

    public ContainerStatus status(StoredState state) {
        ContainerStatus seen = ContainerStatus.observe(observe(state));
        // A create that never finished (its runtime died) left an init that never got as far as ready.
        boolean unfinished = ContainerStatus.CREATING.specName().equals(state.statusHint());
        return unfinished && seen != ContainerStatus.STOPPED ? ContainerStatus.CREATING : seen;
    }

    Observation observe(StoredState state) {
        boolean alive = initAlive(state);
        boolean fifo = alive && fs.exists(store.directory(state.id()) + "/" + StateFiles.EXEC_FIFO);
        return new Observation(alive, fifo, alive && cgroup(state).frozen());
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
