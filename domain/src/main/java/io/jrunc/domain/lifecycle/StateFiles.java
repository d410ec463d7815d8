package io.jrunc.domain.lifecycle;

/** The files a container keeps in its state directory, beside state.json. */
public final class StateFiles {
    /** The fifo the init waits on until start; its presence means "created". */
    public static final String EXEC_FIFO = "exec.fifo";
    /** The init's copy of the config, frozen at create: a later edit of the bundle cannot change the container. */
    public static final String CONFIG = "config.json";
    /** linux.netDevices as moved: "NAME-IN-CONTAINER HOST-NAME" lines, for delete to move them back. */
    public static final String NET_DEVICES = "net-devices";
    /** The fd the init holds its exec fifo by (0–2 are stdio). */
    public static final int EXEC_FIFO_FD = 3;

    private StateFiles() {
    }
}
