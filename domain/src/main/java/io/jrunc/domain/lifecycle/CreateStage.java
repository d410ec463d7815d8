package io.jrunc.domain.lifecycle;

/**
 * The points of a create at which the runtime may die and leave something made behind, in the order create
 * reaches them; a test stops the runtime at each ({@link CreateStages}) and kills it there, and shows that
 * {@code delete --force} takes down what was made. The names are what {@code JRUNC_TEST_STOP_AT} takes.
 */
public enum CreateStage {
    /** The container's state directory is made; nothing else is. */
    STATE_DIR("state-dir"),
    /** The init is spawned and waits for "go"; its pid is not saved yet. */
    SPAWNED("spawned"),
    /** The state is saved as creating (pid, cgroup paths) and the container's cgroup made; the init is not in it. */
    CGROUP("cgroup"),
    /** The init is in its cgroup and the plan has made the container's mounts (prepare rootfs is done). */
    MOUNTED("mounted"),
    /** The init has its exec request and waits on the exec fifo; the state is not yet saved as created. */
    EXEC_REQUESTED("exec-requested");

    private final String label;

    CreateStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
