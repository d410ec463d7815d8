package io.jrunc.ports.model;

/**
 * A masked path ({@code linux.maskedPaths}) made through fds, never by path (CVE-2025-31133). The target is
 * opened beneath the root (openat2 RESOLVE_IN_ROOT), so a link swapped in leads nowhere out of it, and what it
 * is (a directory or not) is read from that fd, not looked up again. A directory gets a new read-only tmpfs;
 * anything else a bind of the container's {@code /dev/null}, which is opened beneath the root too, following no
 * link, and must be the null device itself (a character device 1:3): a {@code /dev/null} that a process sharing
 * the container's {@code /dev} replaced with a link or a file would otherwise be bound over the masked path, so
 * the mask would hand the container, writable, the file the link names ({@code /proc/sys/kernel/core_pattern}).
 * The mounts go fd to fd with the new mount API (open_tree, fsopen, fsmount, move_mount): after the switch of
 * root the runtime's thread sees no {@code /proc/self/fd} (its pid is not in the container's pid namespace).
 * A kernel without openat2 or that API (before 5.6 and 5.2) gets the mounts by path, the null device still
 * checked. Both native backends take these steps with their own system calls.
 */
public final class PathMask {
    /** S_IFMT and its values, from stat(2). */
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFCHR = 0020000;
    /** open_tree(2): OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH, a detached bind of the fd's file. */
    public static final int OPEN_TREE_BIND_OF_FD = 1 | 02000000 | 0x1000;
    /** move_mount(2): MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH, from one fd onto another. */
    public static final int MOVE_MOUNT_FD_TO_FD = 0x4 | 0x40;
    /** fsopen(2)'s FSOPEN_CLOEXEC and fsmount(2)'s FSMOUNT_CLOEXEC. */
    public static final int FS_CLOEXEC = 1;
    /** fsconfig(2)'s FSCONFIG_CMD_CREATE. */
    public static final int FSCONFIG_CMD_CREATE = 6;
    /** fsmount(2)'s MOUNT_ATTR_RDONLY. */
    public static final int MOUNT_ATTR_RDONLY = 1;
    /** The new mount API's calls have one number on x86-64 and AArch64, as every system call added since 5.x. */
    public static final long SYS_OPEN_TREE = 428;
    public static final long SYS_MOVE_MOUNT = 429;
    public static final long SYS_FSOPEN = 430;
    public static final long SYS_FSCONFIG = 431;
    public static final long SYS_FSMOUNT = 432;

    /** What statx(2) says of an fd: st_mode and the device numbers of a device node. */
    public record Node(int mode, long rdevMajor, long rdevMinor) {
        boolean isDirectory() {
            return (mode & S_IFMT) == S_IFDIR;
        }

        boolean isNullDevice() {
            return (mode & S_IFMT) == S_IFCHR && rdevMajor == 1 && rdevMinor == 3;
        }
    }

    /** The system calls the steps take, as a backend makes them; failures are {@link SyscallException}s. */
    public interface Calls {
        /** open(path, {@link BeneathRoot#O_PATH_CLOEXEC}). */
        int openPath(String path);

        /** openat2(dirFd, relative, how, {@link BeneathRoot#OPEN_HOW_SIZE}). */
        int openBeneath(int dirFd, String relative, long[] how);

        /** statx(fd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_MODE). */
        Node stat(int fd);

        /** open_tree(fd, "", {@link #OPEN_TREE_BIND_OF_FD}). */
        int openTree(int fd);

        /** fsopen(fstype, {@link #FS_CLOEXEC}). */
        int fsopen(String fstype);

        /** fsconfig(fd, {@link #FSCONFIG_CMD_CREATE}, NULL, NULL, 0). */
        void fsconfigCreate(int fd);

        /** fsmount(fd, {@link #FS_CLOEXEC}, attributes). */
        int fsmount(int fd, int attributes);

        /** move_mount(from, "", to, "", {@link #MOVE_MOUNT_FD_TO_FD}). */
        void moveMount(int from, int to);

        /** mount(2) of {@code request} by its target path: kernels without the calls above. */
        void mount(MountRequest request, String target);

        void close(int fd);
    }

    private PathMask() {
    }

    /**
     * Masks {@code path}, an absolute path in the caller's view with {@code root} its root ("/" after the switch
     * of root); false when nothing is there (runc skips what the image lacks, a dangling link included).
     */
    public static boolean mask(String root, String path, Calls calls) {
        String relative = BeneathRoot.relative(root, path);
        int rootFd = calls.openPath(root);
        try {
            int target;
            try {
                target = calls.openBeneath(rootFd, relative,
                        new long[] {BeneathRoot.O_PATH_CLOEXEC, 0, BeneathRoot.RESOLVE_IN_ROOT});
            } catch (SyscallException e) {
                if (e.errno() == Errno.ENOENT) {
                    return false;
                }
                if (e.errno() != Errno.ENOSYS) {
                    throw new SyscallException("mount", e.code(), path);
                }
                return byPath(root, path, calls);
            }
            try {
                if (calls.stat(target).isDirectory()) {
                    moveOnto(tmpfs(calls), target, path, calls);
                } else {
                    int devNull = devNull(rootFd, calls);
                    try {
                        moveOnto(bindOf(devNull, calls), target, path, calls);
                    } finally {
                        calls.close(devNull);
                    }
                }
                return true;
            } finally {
                calls.close(target);
            }
        } finally {
            calls.close(rootFd);
        }
    }

    /** The container's /dev/null, opened beneath the root following no link, and checked to be the null device. */
    private static int devNull(int rootFd, Calls calls) {
        int fd;
        try {
            fd = calls.openBeneath(rootFd, "dev/null", new long[] {BeneathRoot.O_PATH_CLOEXEC, 0,
                    BeneathRoot.RESOLVE_IN_ROOT | BeneathRoot.RESOLVE_NO_SYMLINKS});
        } catch (SyscallException e) {
            throw new SyscallException("can't mask paths: open", e.code(), "/dev/null");
        }
        try {
            requireNullDevice(calls.stat(fd));
            return fd;
        } catch (RuntimeException e) {
            calls.close(fd);
            throw e;
        }
    }

    private static void requireNullDevice(Node node) {
        if (!node.isNullDevice()) {
            throw SyscallException.refusal("mount", Errno.EPERM, (node.mode() & S_IFMT) != S_IFCHR
                    ? "can't mask paths: /dev/null is not a character device"
                    : "can't mask paths: /dev/null is device " + node.rdevMajor() + ":" + node.rdevMinor()
                            + ", not the null device 1:3");
        }
    }

    private static int tmpfs(Calls calls) {
        int context = calls.fsopen("tmpfs");
        try {
            calls.fsconfigCreate(context);
            return calls.fsmount(context, MOUNT_ATTR_RDONLY);
        } finally {
            calls.close(context);
        }
    }

    private static int bindOf(int fd, Calls calls) {
        return calls.openTree(fd);
    }

    private static void moveOnto(int mount, int target, String path, Calls calls) {
        try {
            calls.moveMount(mount, target);
        } catch (SyscallException e) {
            throw new SyscallException("mount", e.code(), "dst=" + path);
        } finally {
            calls.close(mount);
        }
    }

    /**
     * Kernels before 5.6: by path, as masks were made before; what /dev/null names is still checked first, so a
     * link to a file or a file put there is refused (a swap between the check and the mount is not).
     */
    private static boolean byPath(String root, String path, Calls calls) {
        String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        int devNull = calls.openPath(base + "/dev/null");
        try {
            requireNullDevice(calls.stat(devNull));
        } finally {
            calls.close(devNull);
        }
        int target;
        try {
            target = calls.openPath(path);
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw e;
        }
        boolean directory;
        try {
            directory = calls.stat(target).isDirectory();
        } finally {
            calls.close(target);
        }
        try {
            calls.mount(directory ? MountRequest.of("tmpfs", path, "tmpfs", java.util.EnumSet.of(MountFlag.MS_RDONLY), "")
                    : MountRequest.of(base + "/dev/null", path, "", java.util.EnumSet.of(MountFlag.MS_BIND), ""), path);
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw e;
        }
        return true;
    }
}
