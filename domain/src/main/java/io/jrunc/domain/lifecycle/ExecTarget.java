package io.jrunc.domain.lifecycle;

/**
 * The container an exec joins: its namespaces are those of its init, which must still be the process the state
 * recorded (same pid, same start time) when they are opened.
 */
public record ExecTarget(String id, int initPid, long initStartTime) {
}
