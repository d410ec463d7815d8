package io.jrunc.ports.model;

/**
 * An id-mapped bind mount (a mount's uidMappings and gidMappings, the {@code idmap}/{@code ridmap} options),
 * made fd to fd with the new mount API as runc 1.2 makes it: the source is cloned detached (open_tree
 * OPEN_TREE_CLONE, the whole tree for an rbind), the clone gets MOUNT_ATTR_IDMAP with the user namespace whose
 * maps are the mount's (mount_setattr; AT_RECURSIVE for ridmap, so the submounts are mapped too), and it is
 * moved onto the target, opened beneath the root with RESOLVE_IN_ROOT so no link leads it out (move_mount). The
 * kernel maps only a detached mount, and only where the filesystem allows it (FS_ALLOW_IDMAP): EINVAL elsewhere.
 *
 * @param source        the host path bound, looked up as a bind's source is
 * @param target        the destination on the host, beneath {@code root}
 * @param recursive     rbind: the source's submounts come along
 * @param recursiveIdmap ridmap: they are mapped too
 * @param usernsFd      an fd of the user namespace whose uid_map and gid_map are the mount's mappings
 */
public record IdmappedBind(String source, String target, boolean recursive, boolean recursiveIdmap, int usernsFd) {
    /** open_tree(2)'s OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH. */
    public static final int OPEN_TREE_CLONE_OF_FD = PathMask.OPEN_TREE_BIND_OF_FD;
    /** AT_RECURSIVE, for open_tree(2) and mount_setattr(2). */
    public static final int AT_RECURSIVE = 0x8000;
    /** AT_EMPTY_PATH: mount_setattr(2) on the fd itself. */
    public static final int AT_EMPTY_PATH = 0x1000;
    /** struct mount_attr's attr_set bit for an id mapping. */
    public static final long MOUNT_ATTR_IDMAP = 0x00100000;
    /** mount_setattr(2) has one number on x86-64 and AArch64, as every system call added since 5.x. */
    public static final long SYS_MOUNT_SETATTR = 442;
    /** sizeof(struct mount_attr): attr_set, attr_clr, propagation, userns_fd, each a u64. */
    public static final long MOUNT_ATTR_SIZE = 32;

    public IdmappedBind {
        java.util.Objects.requireNonNull(source, "source");
        java.util.Objects.requireNonNull(target, "target");
    }

    /** The system calls the steps take, as a backend makes them; failures are {@link SyscallException}s. */
    public interface Calls {
        /** open(path, {@link BeneathRoot#O_PATH_CLOEXEC}). */
        int openPath(String path);

        /** openat2(rootFd, relative, how, {@link BeneathRoot#OPEN_HOW_SIZE}). */
        int openBeneath(int rootFd, String relative, long[] how);

        /** open_tree(fd, "", flags). */
        int openTree(int fd, int flags);

        /** mount_setattr(fd, "", flags, &{attrSet, 0, 0, usernsFd}, {@link #MOUNT_ATTR_SIZE}). */
        void mountSetattr(int fd, int flags, long attrSet, int usernsFd);

        /** move_mount(from, "", to, "", {@link PathMask#MOVE_MOUNT_FD_TO_FD}). */
        void moveMount(int from, int to);

        void close(int fd);
    }

    /**
     * Makes {@code bind} beneath {@code root}. Errors name the mount as mount(2)'s would
     * ("src=…, dst=…"), and say what a kernel or filesystem without id-mapped mounts lacks.
     */
    public static void mount(String root, IdmappedBind bind, Calls calls) {
        String named = "src=" + bind.source() + ", dst=" + bind.target();
        int source;
        try {
            source = calls.openPath(bind.source());
        } catch (SyscallException e) {
            throw new SyscallException("mount", e.code(), named);
        }
        int tree;
        try {
            tree = calls.openTree(source, OPEN_TREE_CLONE_OF_FD | (bind.recursive() ? AT_RECURSIVE : 0));
        } catch (SyscallException e) {
            throw new SyscallException("open_tree", e.code(), named + (e.errno() == Errno.ENOSYS
                    ? " (the kernel has no open_tree: id-mapped mounts need Linux 5.12)" : ""));
        } finally {
            calls.close(source);
        }
        try {
            try {
                calls.mountSetattr(tree, AT_EMPTY_PATH | (bind.recursiveIdmap() ? AT_RECURSIVE : 0), MOUNT_ATTR_IDMAP,
                        bind.usernsFd());
            } catch (SyscallException e) {
                throw new SyscallException("mount_setattr", e.code(), named + ", MOUNT_ATTR_IDMAP" + why(e.errno()));
            }
            int rootFd = calls.openPath(root);
            try {
                int target;
                try {
                    target = calls.openBeneath(rootFd, BeneathRoot.relative(root, bind.target()),
                            new long[] {BeneathRoot.O_PATH_CLOEXEC, 0, BeneathRoot.RESOLVE_IN_ROOT});
                } catch (SyscallException e) {
                    throw new SyscallException("mount", e.code(), named);
                }
                try {
                    calls.moveMount(tree, target);
                } catch (SyscallException e) {
                    throw new SyscallException("move_mount", e.code(), named);
                } finally {
                    calls.close(target);
                }
            } finally {
                calls.close(rootFd);
            }
        } finally {
            // Once moved, the mount lives on in the namespace; closing the fd of a detached one unmounts it.
            calls.close(tree);
        }
    }

    private static String why(Errno errno) {
        return switch (errno) {
            case EINVAL -> " (the filesystem does not support id-mapped mounts)";
            case ENOSYS -> " (the kernel has no mount_setattr: id-mapped mounts need Linux 5.12)";
            case EPERM -> " (not allowed: the mapping or the filesystem's owner)";
            default -> "";
        };
    }
}
