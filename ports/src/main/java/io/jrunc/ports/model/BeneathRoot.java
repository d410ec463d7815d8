package io.jrunc.ports.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts, directories and files made beneath a root ({@link io.jrunc.ports.Mounts#mountBeneath},
 * {@link io.jrunc.ports.Filesystem#mkdirsBeneath}, {@link io.jrunc.ports.Filesystem#touchBeneath}): the steps,
 * which both native backends take with their own system calls ({@link Calls}).
 */
public final class BeneathRoot {
    /** openat2's RESOLVE_IN_ROOT: every lookup, ".." and absolute links included, stays under the dirfd. */
    static final long RESOLVE_IN_ROOT = 0x10;
    /** openat2's RESOLVE_NO_SYMLINKS: no link at all, ELOOP instead. */
    static final long RESOLVE_NO_SYMLINKS = 0x04;
    /** O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, the same on x86-64 and AArch64. */
    static final int O_CREATE_NEW = 01 | 0100 | 0200 | 0400 | 02000000;
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

        /** mkdirat(2). */
        void mkdirat(int dirFd, String name, int mode);

        /** fstatfs(2)'s f_type. */
        long filesystemType(int fd);

        void close(int fd);
    }

    private BeneathRoot() {
    }

    /** openat2 is ENOSYS: the first thing tried, so nothing is made yet when the steps give way to paths. */
    static final class NoOpenat2 extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoOpenat2() {
            super(null, null, false, false);
        }
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
                refuseProcfsOutsideProc(relative, request, target, calls);
                calls.mount(request, "/proc/self/fd/" + target);
            } finally {
                calls.close(target);
            }
        } finally {
            calls.close(rootFd);
        }
    }

    /**
     * {@link #mount}, then what the image had at the target (reached through a handle taken before the mount,
     * which still shows the covered directory) is copied into the new filesystem: runc's {@code tmpcopyup}.
     */
    public static void mountCopyingUp(String root, MountRequest request, Calls calls) {
        int lower = openTarget(root, request, calls);
        try {
            mount(root, request, calls);
            int upper = openTarget(root, request, calls);
            try {
                CopyUp.copy(Path.of("/proc/self/fd/" + lower), Path.of("/proc/self/fd/" + upper));
            } finally {
                calls.close(upper);
            }
        } finally {
            calls.close(lower);
        }
    }

    /** An O_PATH handle on the request's target, opened beneath {@code root} (by path without openat2). */
    private static int openTarget(String root, MountRequest request, Calls calls) {
        String relative = relative(root, request.target());
        int rootFd = calls.openPath(root);
        try {
            return calls.openBeneath(rootFd, relative, new long[] {O_PATH_CLOEXEC, 0, RESOLVE_IN_ROOT});
        } catch (SyscallException e) {
            if (e.errno() != Errno.ENOSYS) {
                throw new SyscallException("mount", e.code(), request.toString());
            }
            return calls.openPath(request.target());
        } finally {
            calls.close(rootFd);
        }
    }

    /**
     * A mount meant for anywhere but the container's /proc that the open lands on a proc filesystem: a link
     * swapped in after the destination was checked (by a container sharing a volume with this one) led it there,
     * where it would take the runtime's writes to /proc (CVE-2019-19921's race). Refused in runc's words; what
     * is meant for /proc (lxcfs's files) was checked by name and may be there.
     */
    private static void refuseProcfsOutsideProc(String relative, MountRequest request, int target, Calls calls) {
        boolean meantForProc = relative.equals("proc") || relative.startsWith("proc/");
        if (!meantForProc && calls.filesystemType(target) == ProcfsWrite.PROC_SUPER_MAGIC) {
            throw SyscallException.refusal("mount", Errno.EPERM,
                    "\"" + request.target() + "\" cannot be mounted because it is inside /proc");
        }
    }

    /**
     * mkdir -p of {@code path}, a path under {@code root} with no link left in it: each level is entered with
     * openat2 beneath the one before it, no symbolic link followed, and made with mkdirat where missing. A link
     * met on the way (one swapped in since the path was resolved) is ELOOP; a file is ENOTDIR on the way and
     * EEXIST at the end, as mkdir(2) of the path would say. A kernel without openat2 gets {@code byPath}.
     */
    public static void mkdirs(String root, String path, int mode, Calls calls, Runnable byPath) {
        try {
            calls.close(openDirs(root, path, mode, calls));
        } catch (NoOpenat2 e) {
            byPath.run(); // a kernel before 5.6: nothing was made yet
        }
    }

    /**
     * Creates an empty regular file at {@code path} under {@code root} if nothing is there (a bind-mount target),
     * its directories as {@link #mkdirs}; O_EXCL, so an existing fifo or device is never opened; a directory
     * there is EISDIR. No symbolic link is followed, the last component's included.
     */
    public static void touch(String root, String path, int mode, Calls calls, Runnable byPath) {
        try {
            touch(root, path, mode, calls);
        } catch (NoOpenat2 e) {
            byPath.run();
        }
    }

    private static void touch(String root, String path, int mode, Calls calls) {
        List<String> parts = parts(relative(root, path));
        if (parts.isEmpty()) {
            throw new SyscallException("open", Errno.EISDIR, path);
        }
        String name = parts.get(parts.size() - 1);
        int dir = openDirs(root, parentOf(root, path), 0755, calls);
        try {
            try {
                calls.close(calls.openBeneath(dir, name,
                        new long[] {O_CREATE_NEW, mode, RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS}));
            } catch (SyscallException e) {
                if (e.errno() == Errno.ENOSYS) {
                    throw new NoOpenat2(); // the file's directory is the root: this was the first openat2
                }
                if (e.errno() != Errno.EEXIST) {
                    throw new SyscallException("open", e.code(), path);
                }
                if (isDirectory(dir, name, calls)) {
                    throw new SyscallException("open", Errno.EISDIR, path);
                }
            }
        } finally {
            calls.close(dir);
        }
    }

    /** The directory {@code path} under {@code root}, entered (and made where missing) level by level, as an fd. */
    static int openDirs(String root, String path, int mode, Calls calls) {
        List<String> parts = parts(relative(root, path));
        int fd = calls.openPath(root);
        try {
            for (int i = 0; i < parts.size(); i++) {
                int next = enterOrMake(fd, parts.get(i), mode, path, i == parts.size() - 1, calls);
                calls.close(fd);
                fd = next;
            }
            int opened = fd;
            fd = -1;
            return opened;
        } finally {
            if (fd >= 0) {
                calls.close(fd);
            }
        }
    }

    private static int enterOrMake(int dir, String name, int mode, String path, boolean last, Calls calls) {
        long[] enter = {O_PATH_CLOEXEC, 0, RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS};
        int fd;
        try {
            fd = calls.openBeneath(dir, name, enter);
        } catch (SyscallException missing) {
            if (missing.errno() == Errno.ENOSYS) {
                throw new NoOpenat2();
            }
            if (missing.errno() != Errno.ENOENT) {
                throw new SyscallException("mkdir", missing.code(), path); // ELOOP: a link, swapped in since
            }
            try {
                calls.mkdirat(dir, name, mode);
            } catch (SyscallException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw new SyscallException("mkdir", e.code(), path);
                }
            }
            try {
                fd = calls.openBeneath(dir, name, enter);
            } catch (SyscallException e) {
                throw new SyscallException("mkdir", e.code(), path);
            }
        }
        if (!isDirectory(fd)) {
            calls.close(fd);
            throw new SyscallException("mkdir", last ? Errno.EEXIST : Errno.ENOTDIR, path);
        }
        return fd;
    }

    /** What an O_PATH fd stands for, through its /proc link (whose target the kernel knows, not a path). */
    private static boolean isDirectory(int fd) {
        return Files.isDirectory(Path.of("/proc/self/fd/" + fd));
    }

    private static boolean isDirectory(int dir, String name, Calls calls) {
        int fd = calls.openBeneath(dir, name, new long[] {O_PATH_CLOEXEC, 0, RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS});
        try {
            return isDirectory(fd);
        } finally {
            calls.close(fd);
        }
    }

    static String parentOf(String root, String path) {
        int slash = path.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : path.substring(0, slash);
        return parent.length() < root.length() ? root : parent;
    }

    private static List<String> parts(String relative) {
        List<String> parts = new ArrayList<>();
        for (String part : relative.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
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
