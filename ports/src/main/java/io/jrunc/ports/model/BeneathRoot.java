package io.jrunc.ports.model;

/**
 * A mount made on a target opened beneath a root ({@link io.jrunc.ports.Mounts#mountBeneath}): the steps, which
 * both native backends take with their own system calls ({@link Calls}).
 */
public final class BeneathRoot {
    /** openat2's RESOLVE_IN_ROOT: every lookup, ".." and absolute links included, stays under the dirfd. */
    static final long RESOLVE_IN_ROOT = 0x10;
    /** open(2) flags, the same on x86-64 and AArch64: a handle on the path, closed on exec. */
    public static final int O_PATH_CLOEXEC = 010000000 | 02000000;
    /** openat2 has one number on x86-64 and AArch64, as every system call added since 5.x. */
    public static final long SYS_OPENAT2 = 437;
    /** sizeof(struct open_how): flags, mode, resolve, each a u64. */
    public static final long OPEN_HOW_SIZE = 24;

    /** The system calls the steps take, as a backend makes them; failures are {@link SyscallException}s. */
    public interface Calls {
        /** open(path, {@link #O_PATH_CLOEXEC}). */
        int openPath(String path);

        /** openat2(rootFd, relative, how, {@link #OPEN_HOW_SIZE}), {@code how} being struct open_how's words. */
        int openBeneath(int rootFd, String relative, long[] how);

        /** mount(2) of {@code request} on {@code target}, its errors naming the request. */
        void mount(MountRequest request, String target);

        void close(int fd);
    }

    private BeneathRoot() {
    }

    /**
     * Opens {@code root}, then the request's target beneath it with RESOLVE_IN_ROOT, and mounts on
     * /proc/self/fd/N; a kernel without openat2 (ENOSYS, before 5.6) gets the mount by path.
     */
    public static void mount(String root, MountRequest request, Calls calls) {
        String relative = relative(root, request.target());
        int rootFd = calls.openPath(root);
        try {
            int target;
            try {
                target = calls.openBeneath(rootFd, relative, new long[] {O_PATH_CLOEXEC, 0, RESOLVE_IN_ROOT});
            } catch (SyscallException e) {
                if (e.errno() != Errno.ENOSYS) {
                    // What mount(2) of the path would have said, as runc words a failed mount.
                    throw new SyscallException("mount", e.code(), request.toString());
                }
                calls.mount(request, request.target());
                return;
            }
            try {
                calls.mount(request, "/proc/self/fd/" + target);
            } finally {
                calls.close(target);
            }
        } finally {
            calls.close(rootFd);
        }
    }

    /** {@code target} relative to {@code root} ("." for the root itself); refused when it is not under it. */
    public static String relative(String root, String target) {
        String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        if (target.equals(base)) {
            return ".";
        }
        if (!target.startsWith(base + "/")) {
            throw new IllegalArgumentException(target + " is not under " + root);
        }
        return target.substring(base.length() + 1);
    }
}
