package io.jrunc.ports.model;

/**
 * struct sched_attr of sched_setattr(2), first version (48 bytes): runtime, deadline and period are
 * nanoseconds, unsigned, and matter only to SCHED_DEADLINE.
 */
public record SchedAttr(int policy, long flags, int nice, int priority, long runtime, long deadline, long period) {
    public static final int SCHED_OTHER = 0;
    public static final int SCHED_FIFO = 1;
    public static final int SCHED_RR = 2;
    public static final int SCHED_BATCH = 3;
    public static final int SCHED_IDLE = 5;
    public static final int SCHED_DEADLINE = 6;
    /** sizeof(struct sched_attr) in its first version, SCHED_ATTR_SIZE_VER0. */
    public static final int SIZE_VER0 = 48;

    /** The struct as the kernel reads it, little-endian (x86-64 and arm64). */
    public byte[] bytes() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(SIZE_VER0).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(SIZE_VER0).putInt(policy).putLong(flags).putInt(nice).putInt(priority)
                .putLong(runtime).putLong(deadline).putLong(period);
        return b.array();
    }
}
