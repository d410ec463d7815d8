package io.jrunc.ports.model;

import java.util.Map;
import java.util.Objects;

/**
 * What the runtime keeps on disk about one container between commands. The status is only a hint:
 * the real one is derived from what can be observed (process alive, exec fifo present, cgroup frozen).
 *
 * @param pidStartTime the init's start time in clock ticks (field 22 of /proc/[pid]/stat), so a reused pid
 *                     is never mistaken for the container
 * @param created      RFC 3339 time the container was created
 * @param cgroupDriver which driver made the container's cgroup ("cgroupfs" or "systemd"), so later commands
 *                     use it whatever their flags say, as runc keeps it in its state
 */
public record StoredState(
        String id,
        int pid,
        long pidStartTime,
        String bundle,
        String rootfs,
        String created,
        String owner,
        String statusHint,
        Map<String, String> annotations,
        Map<String, String> cgroupPaths,
        String cgroupDriver) {
    /** The driver of every container whose state does not name one. */
    public static final String CGROUPFS = "cgroupfs";

    public StoredState {
        Objects.requireNonNull(id, "id");
        annotations = Map.copyOf(annotations);
        cgroupPaths = Map.copyOf(cgroupPaths);
        cgroupDriver = cgroupDriver == null ? CGROUPFS : cgroupDriver;
    }

    /** A container whose cgroup the cgroupfs driver made. */
    public StoredState(String id, int pid, long pidStartTime, String bundle, String rootfs, String created,
                       String owner, String statusHint, Map<String, String> annotations, Map<String, String> cgroupPaths) {
        this(id, pid, pidStartTime, bundle, rootfs, created, owner, statusHint, annotations, cgroupPaths, CGROUPFS);
    }

    public StoredState withPid(int newPid, long newStartTime) {
        return new StoredState(id, newPid, newStartTime, bundle, rootfs, created, owner, statusHint, annotations, cgroupPaths, cgroupDriver);
    }

    /** The cgroup as made: a rootless runtime may have had to go without some or all of what it planned. */
    public StoredState withCgroupPaths(Map<String, String> paths) {
        return new StoredState(id, pid, pidStartTime, bundle, rootfs, created, owner, statusHint, annotations, paths, cgroupDriver);
    }

    public StoredState withStatusHint(String hint) {
        return new StoredState(id, pid, pidStartTime, bundle, rootfs, created, owner, hint, annotations, cgroupPaths, cgroupDriver);
    }
}
