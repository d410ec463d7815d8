package io.jrunc.domain.lifecycle;

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

    public ContainerObserver(Processes processes, Filesystem fs, StateStore store) {
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
        // The freezer comes with cgroups; until then no container is ever seen paused.
        return new Observation(alive, fifo, false);
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
        ContainerStatus status = status(state);
        int pid = status == ContainerStatus.STOPPED ? 0 : state.pid();
        return new ContainerState(state.id(), status, pid, state.bundle(), state.rootfs(), state.created(),
                state.owner(), state.annotations());
    }
}
