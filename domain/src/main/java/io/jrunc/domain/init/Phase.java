package io.jrunc.domain.init;

/**
 * Who carries out a step of the init plan. runc, crun and youki all apply rlimits and the OOM score from
 * the runtime, on the init's pid, before the init goes on; every other step runs inside the container.
 */
public enum Phase {
    /** The runtime, acting on the init's pid before it releases the init. */
    RUNTIME,
    /** The container's init, in the container's namespaces, before it execs the user process. */
    CONTAINER_INIT
}
