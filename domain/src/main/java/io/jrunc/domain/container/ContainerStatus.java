package io.jrunc.domain.container;

import io.vavr.control.Either;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The runtime-spec's container states and runc's rules for moving between them.
 * creating → created → running ⇄ paused, and anything but creating may end in stopped.
 */
public enum ContainerStatus {
    CREATING, CREATED, RUNNING, PAUSED, STOPPED;

    private static final Map<ContainerStatus, Set<ContainerStatus>> ALLOWED = new EnumMap<>(ContainerStatus.class);

    static {
        ALLOWED.put(CREATING, EnumSet.of(CREATED, STOPPED));
        // runc createdState.transition: a created container may be started, paused or stopped.
        ALLOWED.put(CREATED, EnumSet.of(RUNNING, PAUSED, STOPPED));
        ALLOWED.put(RUNNING, EnumSet.of(PAUSED, STOPPED));
        ALLOWED.put(PAUSED, EnumSet.of(RUNNING, STOPPED));
        // A stopped container can only be deleted: it never comes back.
        ALLOWED.put(STOPPED, EnumSet.noneOf(ContainerStatus.class));
    }

    /** The word the runtime-spec and runc print: "created", "running", … */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Moving to the same state is a no-op, as in runc. */
    public Either<IllegalTransition, ContainerStatus> to(ContainerStatus next) {
        return next == this || ALLOWED.get(this).contains(next)
                ? Either.right(next)
                : Either.left(new IllegalTransition(this, next));
    }

    public boolean canStart() {
        return this == CREATED;
    }

    /** kill needs a process to signal. */
    public boolean canKill() {
        return this == CREATED || this == RUNNING || this == PAUSED;
    }

    /** Without --force, only a stopped container (or one whose init is still waiting to start) is deleted. */
    public boolean canDelete() {
        return this == STOPPED || this == CREATED;
    }

    public boolean canPause() {
        return this == RUNNING || this == CREATED;
    }

    public boolean canResume() {
        return this == PAUSED;
    }

    /**
     * Derives the status from what can be observed, as runc's refreshState does; what was saved is only a
     * hint. A dead init (or a pid now used by another process) means stopped; a frozen cgroup means paused;
     * an init still waiting on its exec fifo means created; otherwise running.
     */
    public static ContainerStatus observe(Observation o) {
        if (!o.initAlive()) {
            return STOPPED;
        }
        if (o.cgroupFrozen()) {
            return PAUSED;
        }
        if (o.execFifoPresent()) {
            return CREATED;
        }
        return RUNNING;
    }

    public static ContainerStatus fromSpecName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
