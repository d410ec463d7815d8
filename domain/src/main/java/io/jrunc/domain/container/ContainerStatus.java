package io.jrunc.domain.container;

import java.util.Locale;

/**
 * The runtime-spec's container states and which lifecycle verb each one allows: these predicates are the one
 * place that is decided (start, kill, delete, pause and resume ask here). There is no transition table to
 * check a move against: the status is never moved by hand but re-observed ({@link #observe}) before each
 * verb, as runc's refreshState does.
 */
public enum ContainerStatus {
    CREATING, CREATED, RUNNING, PAUSED, STOPPED;

    /** The word the runtime-spec and runc print: "created", "running", … */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
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
