package io.jrunc.ports.model;

/**
 * Device nodes, the /dev links and what they replace, made beneath the root through fds (the race of
 * CVE-2021-30465 for them): the node's directory is entered level by level beneath the root, following no link,
 * and the entry is made, removed or linked in it by name with the *at calls, which never follow a link at the
 * name itself. The node's mode and owner are set through an O_PATH fd on it, opened the same way and checked to
 * be the node just made: a link or a file swapped in between (by a process sharing the container's /dev) is
 * refused, where chmod/chown by path would follow the link and make a host file world-writable or the container's.
 * A kernel without openat2 (before 5.6) gets {@code byPath}. Both native backends take these steps with their own
 * system calls.
 */
public final class NodesBeneath {
    static final int AT_REMOVEDIR = 0x200;
    static final int S_IFIFO = 0010000;
    static final int S_IFCHR = 0020000;
    static final int S_IFBLK = 0060000;

    /** The system calls of the steps, on top of {@link BeneathRoot}'s; failures are {@link SyscallException}s. */
    public interface Calls extends BeneathRoot.Calls {
        /** unlinkat(2); {@code flags} 0 or AT_REMOVEDIR. */
        void unlinkat(int dirFd, String name, int flags);

        /** mknodat(2), {@code mode} with its file type bits, {@code dev} as glibc's makedev encodes it. */
        void mknodat(int dirFd, String name, int mode, long dev);

        /** symlinkat(2). */
        void symlinkat(String target, int dirFd, String name);

        /** fchownat(fd, "", uid, gid, AT_EMPTY_PATH): an O_PATH fd's file, no path looked up. */
        void chown(int fd, int uid, int gid);

        /** chmod(2) of a path; here always /proc/self/fd/N of an O_PATH fd, which names its file, never a link. */
        void chmod(String path, int mode);

        /** statx(2) of the fd. */
        PathMask.Node stat(int fd);
    }

    private NodesBeneath() {
    }

    /** mknod(2)'s mode for the node: its file type and permission bits. */
    public static int mode(DeviceNode node) {
        int type = switch (node.type()) {
            case 'c' -> S_IFCHR;
            case 'b' -> S_IFBLK;
            default -> S_IFIFO;
        };
        return type | (node.mode() & 07777);
    }

    /** glibc's gnu_dev_makedev: 12 bits of major and 8 of minor low, the rest high. */
    public static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /** unlink(2), or rmdir(2) of an empty directory, of {@code path} under {@code root}; nothing there is no error. */
    public static void remove(String root, String path, Calls calls, Runnable byPath) {
        inDirectory(root, path, calls, byPath, (dir, name) -> {
            try {
                calls.unlinkat(dir, name, 0);
            } catch (SyscallException e) {
                if (e.errno() == Errno.EISDIR) {
                    calls.unlinkat(dir, name, AT_REMOVEDIR);
                } else if (e.errno() != Errno.ENOENT) {
                    throw new SyscallException("unlink", e.code(), path);
                }
            }
        });
    }

    /** The node at its path under {@code root}, with exactly its mode and owner; its directory must exist. */
    public static void mknod(String root, DeviceNode node, Calls calls, Runnable byPath) {
        inDirectory(root, node.path(), calls, byPath, (dir, name) -> {
            try {
                calls.mknodat(dir, name, mode(node), makedev(node.major(), node.minor()));
            } catch (SyscallException e) {
                throw new SyscallException("mknod", e.code(), node.path());
            }
            int fd;
            try {
                fd = calls.openBeneath(dir, name, new long[] {BeneathRoot.O_PATH_CLOEXEC, 0,
                        BeneathRoot.RESOLVE_IN_ROOT | BeneathRoot.RESOLVE_NO_SYMLINKS});
            } catch (SyscallException e) {
                throw new SyscallException("open", e.code(), node.path()); // ELOOP: a link swapped in
            }
            try {
                PathMask.Node made = calls.stat(fd);
                boolean same = (made.mode() & 0170000) == (mode(node) & 0170000)
                        && (node.type() == 'p' || made.rdevMajor() == node.major() && made.rdevMinor() == node.minor());
                if (!same) {
                    throw SyscallException.refusal("mknod", Errno.EEXIST,
                            "mknod " + node.path() + ": replaced by something else while it was made");
                }
                // The mode asked for, not what the umask left of it: /dev/null must be 0666 for every user.
                calls.chmod("/proc/self/fd/" + fd, node.mode() & 07777);
                calls.chown(fd, node.uid(), node.gid());
            } finally {
                calls.close(fd);
            }
        });
    }

    /** A symbolic link at {@code linkPath} under {@code root}, reading {@code target}; its directory must exist. */
    public static void symlink(String root, String target, String linkPath, Calls calls, Runnable byPath) {
        inDirectory(root, linkPath, calls, byPath, (dir, name) -> {
            try {
                calls.symlinkat(target, dir, name);
            } catch (SyscallException e) {
                throw new SyscallException("symlink", e.code(), linkPath + " -> " + target);
            }
        });
    }

    private interface InDirectory {
        void run(int dirFd, String name);
    }

    private static void inDirectory(String root, String path, Calls calls, Runnable byPath, InDirectory work) {
        String relative = BeneathRoot.relative(root, path);
        int slash = relative.lastIndexOf('/');
        String name = slash < 0 ? relative : relative.substring(slash + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(path + " names no entry under " + root);
        }
        int dir;
        try {
            dir = BeneathRoot.openDirs(root, BeneathRoot.parentOf(root, path), 0755, calls);
        } catch (BeneathRoot.NoOpenat2 e) {
            byPath.run(); // a kernel before 5.6: nothing was made yet
            return;
        }
        try {
            work.run(dir, name);
        } finally {
            calls.close(dir);
        }
    }
}
