package io.jrunc.domain.cgroups;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Making and removing a container's cgroup directories in one hierarchy. Creation goes level by level, so
 * what this runtime made (and only that) can be taken down again when a later step fails; removal retries
 * while the kernel still counts exiting processes (EBUSY), as runc does.
 */
final class CgroupDirs {
    private static final int REMOVE_TRIES = 20;
    private static final long REMOVE_PAUSE_MILLIS = 10;

    private final Cgroups cgroups;
    /** hierarchy and path of each directory made here, newest last. */
    private final Deque<String[]> made = new ArrayDeque<>();

    CgroupDirs(Cgroups cgroups) {
        this.cgroups = cgroups;
    }

    /**
     * {@code sub} below {@code path} (runc exec --cgroup), both in-hierarchy paths; "" is {@code path} itself. The
     * caller checked that {@code sub} has no ".." in it, so the result never leaves the container's cgroup.
     */
    static String below(String path, String sub) {
        String trimmed = sub.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            return path;
        }
        return (path.endsWith("/") ? path : path + "/") + trimmed.replaceAll("/+", "/");
    }

    /** Every level of {@code path} from the hierarchy's root down, root excluded: "/a/b" → ["/a", "/a/b"]. */
    static List<String> levels(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                current.append('/').append(part);
                out.add(current.toString());
            }
        }
        return out;
    }

    boolean exists(String hierarchy, String path) {
        return cgroups.read(hierarchy, path, "cgroup.procs").isPresent();
    }

    /** mkdir of one level unless it is there; remembered for {@link #undo()} when made here. */
    void makeLevel(String hierarchy, String path) {
        if (exists(hierarchy, path)) {
            return;
        }
        try {
            cgroups.create(hierarchy, path);
        } catch (SyscallException e) {
            if (e.errno() == Errno.EEXIST) {
                return; // made meanwhile by another runtime: not ours to remove
            }
            throw e;
        }
        made.addLast(new String[] {hierarchy, path});
    }

    /** Removes what {@link #makeLevel} made, newest first; best effort, as it runs after a failure. */
    void undo() {
        while (!made.isEmpty()) {
            String[] dir = made.pollLast();
            try {
                remove(cgroups, dir[0], dir[1]);
            } catch (SyscallException e) {
                // Keep going: the other directories can still go.
            }
        }
    }

    /** rmdir, retried while processes that were just killed are still leaving it. */
    static void remove(Cgroups cgroups, String hierarchy, String path) {
        for (int attempt = 1; ; attempt++) {
            try {
                cgroups.remove(hierarchy, path);
                return;
            } catch (SyscallException e) {
                if (e.errno() == Errno.ENOENT) {
                    return;
                }
                if (e.errno() != Errno.EBUSY || attempt >= REMOVE_TRIES) {
                    throw e;
                }
            }
            try {
                Thread.sleep(REMOVE_PAUSE_MILLIS * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyscallException("rmdir", Errno.EINTR, path);
            }
        }
    }
}
