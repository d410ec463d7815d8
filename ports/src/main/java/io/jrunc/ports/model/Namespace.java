package io.jrunc.ports.model;

/** Linux namespaces, by their clone(2) flag and their name under /proc/[pid]/ns. */
public enum Namespace {
    MOUNT(0x00020000, "mnt"),
    UTS(0x04000000, "uts"),
    IPC(0x08000000, "ipc"),
    USER(0x10000000, "user"),
    PID(0x20000000, "pid"),
    NET(0x40000000, "net"),
    CGROUP(0x02000000, "cgroup"),
    TIME(0x00000080, "time");

    private final int cloneFlag;
    private final String procName;

    Namespace(int cloneFlag, String procName) {
        this.cloneFlag = cloneFlag;
        this.procName = procName;
    }

    public int cloneFlag() {
        return cloneFlag;
    }

    /** The file under /proc/[pid]/ns/ that names this namespace. */
    public String procName() {
        return procName;
    }

    /**
     * The order to join namespaces in: the user namespace first, as it owns the others (joining them takes
     * the privileges it gives); the mount namespace last, as it changes what every later path names.
     */
    public static final java.util.Comparator<Namespace> JOIN_ORDER = java.util.Comparator.comparingInt(
            n -> n == USER ? 0 : n == MOUNT ? 2 : 1);

    public static int cloneFlags(Iterable<Namespace> namespaces) {
        int flags = 0;
        for (Namespace n : namespaces) {
            flags |= n.cloneFlag;
        }
        return flags;
    }
}
