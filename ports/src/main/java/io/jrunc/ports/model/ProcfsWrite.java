package io.jrunc.ports.model;

/**
 * A write to a kernel file under /proc (a sysctl, a process's oom_score_adj or attr/*) that reaches the kernel, not a file the container put in its
 * place: /proc is opened and checked to be a proc filesystem, then the file beneath it with openat2, crossing no
 * mount point and following no link (RESOLVE_NO_XDEV, NO_MAGICLINKS, NO_SYMLINKS), so a bind mount or a link
 * over it is refused rather than written through (CVE-2019-19921, CVE-2025-52881). Kernels without openat2
 * open the path without following a link at its end and check that the file itself is on procfs. Both native
 * backends take these steps with their own system calls.
 */
public final class ProcfsWrite {
    /** statfs(2)'s f_type of a proc filesystem. */
    public static final long PROC_SUPER_MAGIC = 0x9fa0;
    static final long RESOLVE_NO_XDEV = 0x01;
    static final long RESOLVE_NO_MAGICLINKS = 0x02;
    /** O_WRONLY | O_NOCTTY | O_CLOEXEC, the same on x86-64 and AArch64. */
    static final int O_WRITE = 01 | 0400 | 02000000;
    /** O_NOFOLLOW, the same on x86-64 and AArch64. */
    static final int O_NOFOLLOW = 0400000;

    /** The system calls the steps take, as a backend makes them; failures are {@link SyscallException}s. */
    public interface Calls {
        /** open(path, {@link BeneathRoot#O_PATH_CLOEXEC}). */
        int openPath(String path);

        /** openat2(dirFd, relative, how, {@link BeneathRoot#OPEN_HOW_SIZE}). */
        int openBeneath(int dirFd, String relative, long[] how);

        /** open(2) by path. */
        int open(String path, int flags);

        /** fstatfs(2)'s f_type. */
        long filesystemType(int fd);

        /** write(2) until all of {@code content} is written. */
        void write(int fd, byte[] content, String path);

        void close(int fd);
    }

    private ProcfsWrite() {
    }

    /**
     * Writes {@code content} to {@code path}, an absolute path under /proc; {@code /proc/self/…} and
     * {@code /proc/thread-self/…} by procfs's own link to the caller's directory.
     */
    public static void write(String path, byte[] content, Calls calls) {
        if (!path.startsWith("/proc/")) {
            throw new IllegalArgumentException(path + " is not under /proc");
        }
        int proc = calls.openPath("/proc");
        int self = -1;
        try {
            requireProcfs(calls, proc, "/proc");
            String relative = path.substring("/proc/".length());
            int fd;
            try {
                int dir = proc;
                int slash = relative.indexOf('/');
                String head = slash < 0 ? relative : relative.substring(0, slash);
                if (slash > 0 && (head.equals("self") || head.equals("thread-self"))) {
                    // procfs's own links to the caller's directory ("self" -> "1234"), plain links and no magic
                    // ones: followed on this procfs only, then the rest beneath it as strictly as any file.
                    self = calls.openBeneath(proc, head, new long[] {BeneathRoot.O_PATH_CLOEXEC, 0,
                            RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS});
                    requireProcfs(calls, self, "/proc/" + head);
                    dir = self;
                    relative = relative.substring(slash + 1);
                }
                fd = calls.openBeneath(dir, relative, new long[] {O_WRITE, 0,
                        RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | BeneathRoot.RESOLVE_NO_SYMLINKS});
            } catch (SyscallException e) {
                if (e.errno() != Errno.ENOSYS) {
                    throw new SyscallException("open", e.code(), path);
                }
                fd = calls.open(path, O_WRITE | O_NOFOLLOW);
            }
            try {
                requireProcfs(calls, fd, path);
                calls.write(fd, content, path);
            } finally {
                calls.close(fd);
            }
        } finally {
            if (self >= 0) {
                calls.close(self);
            }
            calls.close(proc);
        }
    }

    private static void requireProcfs(Calls calls, int fd, String path) {
        if (calls.filesystemType(fd) != PROC_SUPER_MAGIC) {
            throw SyscallException.refusal("open", Errno.EXDEV, "open " + path + ": not on a proc filesystem");
        }
    }
}
