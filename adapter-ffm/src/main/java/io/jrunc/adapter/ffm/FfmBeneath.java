package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.IdmappedBind;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.NodesBeneath;
import io.jrunc.ports.model.PathMask;
import io.jrunc.ports.model.ProcfsWrite;
import java.lang.foreign.MemorySegment;

/**
 * The system calls of {@link BeneathRoot}'s, {@link ProcfsWrite}'s, {@link PathMask}'s and {@link IdmappedBind}'s
 * steps, through the FFM API.
 */
final class FfmBeneath implements NodesBeneath.Calls, ProcfsWrite.Calls, PathMask.Calls, IdmappedBind.Calls {
    static final FfmBeneath CALLS = new FfmBeneath();
    private static final long SYS_MKDIRAT = FfmLibc.sysno(258, 34);
    private static final long SYS_FSTATFS = FfmLibc.sysno(138, 44);
    private static final long SYS_MKNODAT = FfmLibc.sysno(259, 33);
    private static final long SYS_FCHOWNAT = FfmLibc.sysno(260, 54);
    private static final long SYS_UNLINKAT = FfmLibc.sysno(263, 35);
    private static final long SYS_SYMLINKAT = FfmLibc.sysno(266, 36);
    private static final long SYS_FCHMODAT = FfmLibc.sysno(268, 53);
    private static final int AT_FDCWD = -100;
    private static final long SYS_STATX = FfmLibc.sysno(332, 291);
    /** sizeof(struct statx) is 256 on every architecture, stx_mode a u16 at 28, stx_rdev_major/minor u32s at 128. */
    private static final long STATX_SIZE = 256;
    private static final int AT_EMPTY_PATH = 0x1000;
    /** STATX_TYPE | STATX_MODE. */
    private static final int STATX_MODE = 0x3;
    /** sizeof(struct statfs) on LP64 is 120; f_type is its first word. */
    private static final long STATFS_SIZE = 128;

    private FfmBeneath() {
    }

    @Override
    public int openPath(String path) {
        return FfmLibc.open(path, BeneathRoot.O_PATH_CLOEXEC, 0);
    }

    @Override
    public int openBeneath(int rootFd, String relative, long[] how) {
        return (int) FfmLibc.call("openat2", relative, (arena, state) -> {
            MemorySegment openHow = arena.allocate(JAVA_LONG, how.length);
            MemorySegment.copy(how, 0, openHow, JAVA_LONG, 0, how.length);
            return FfmLibc.syscall(state, BeneathRoot.SYS_OPENAT2, rootFd, FfmLibc.cStringAddress(arena, relative),
                    openHow.address(), BeneathRoot.OPEN_HOW_SIZE);
        });
    }

    @Override
    public void mount(MountRequest request, String target) {
        FfmMounts.mount(request, target);
    }

    @Override
    public void mkdirat(int dirFd, String name, int mode) {
        FfmLibc.call("mkdirat", name, (arena, state) -> FfmLibc.syscall(state, SYS_MKDIRAT, dirFd,
                FfmLibc.cStringAddress(arena, name), mode));
    }

    @Override
    public int open(String path, int flags) {
        return FfmLibc.retryingOnEintr(() -> FfmLibc.open(path, flags, 0));
    }

    @Override
    public long filesystemType(int fd) {
        return FfmLibc.call("fstatfs", String.valueOf(fd), (arena, state) -> {
            MemorySegment statfs = arena.allocate(STATFS_SIZE, 8);
            long rc = FfmLibc.syscall(state, SYS_FSTATFS, fd, statfs.address());
            return rc < 0 ? rc : statfs.get(JAVA_LONG, 0);
        });
    }

    @Override
    public void write(int fd, byte[] content, String path) {
        FfmLibc.writeFully(fd, content, path);
    }

    @Override
    public void unlinkat(int dirFd, String name, int flags) {
        FfmLibc.call("unlinkat", name, (arena, state) -> FfmLibc.syscall(state, SYS_UNLINKAT, dirFd,
                FfmLibc.cStringAddress(arena, name), flags));
    }

    /** The kernel takes dev as 32 bits (new_encode_dev), which glibc's makedev is for every major below 4096. */
    @Override
    public void mknodat(int dirFd, String name, int mode, long dev) {
        FfmLibc.call("mknodat", name, (arena, state) -> FfmLibc.syscall(state, SYS_MKNODAT, dirFd,
                FfmLibc.cStringAddress(arena, name), mode, dev & 0xffffffffL));
    }

    @Override
    public void symlinkat(String target, int dirFd, String name) {
        FfmLibc.call("symlinkat", name + " -> " + target, (arena, state) -> FfmLibc.syscall(state, SYS_SYMLINKAT,
                FfmLibc.cStringAddress(arena, target), dirFd, FfmLibc.cStringAddress(arena, name)));
    }

    @Override
    public void chown(int fd, int uid, int gid) {
        FfmLibc.call("fchownat", String.valueOf(fd), (arena, state) -> FfmLibc.syscall(state, SYS_FCHOWNAT, fd,
                FfmLibc.cStringAddress(arena, ""), uid, gid, AT_EMPTY_PATH));
    }

    @Override
    public void chmod(String path, int mode) {
        FfmLibc.call("chmod", path, (arena, state) -> FfmLibc.syscall(state, SYS_FCHMODAT, AT_FDCWD,
                FfmLibc.cStringAddress(arena, path), mode));
    }

    @Override
    public PathMask.Node stat(int fd) {
        int[] out = new int[3];
        FfmLibc.call("statx", String.valueOf(fd), (arena, state) -> {
            MemorySegment statx = arena.allocate(STATX_SIZE, 8);
            long rc = FfmLibc.syscall(state, SYS_STATX, fd, FfmLibc.cStringAddress(arena, ""), AT_EMPTY_PATH,
                    STATX_MODE, statx.address());
            out[0] = Short.toUnsignedInt(statx.get(JAVA_SHORT, 28));
            out[1] = statx.get(JAVA_INT, 128);
            out[2] = statx.get(JAVA_INT, 132);
            return rc;
        });
        return new PathMask.Node(out[0], Integer.toUnsignedLong(out[1]), Integer.toUnsignedLong(out[2]));
    }

    @Override
    public int openTree(int fd) {
        return (int) FfmLibc.call("open_tree", String.valueOf(fd), (arena, state) -> FfmLibc.syscall(state,
                PathMask.SYS_OPEN_TREE, fd, FfmLibc.cStringAddress(arena, ""), PathMask.OPEN_TREE_BIND_OF_FD));
    }

    @Override
    public int openTree(int fd, int flags) {
        return (int) FfmLibc.call("open_tree", String.valueOf(fd), (arena, state) -> FfmLibc.syscall(state,
                PathMask.SYS_OPEN_TREE, fd, FfmLibc.cStringAddress(arena, ""), flags));
    }

    @Override
    public void mountSetattr(int fd, int flags, long attrSet, int usernsFd) {
        FfmLibc.call("mount_setattr", String.valueOf(fd), (arena, state) -> {
            MemorySegment attr = arena.allocate(JAVA_LONG, 4);
            attr.setAtIndex(JAVA_LONG, 0, attrSet);
            attr.setAtIndex(JAVA_LONG, 3, usernsFd);
            return FfmLibc.syscall(state, IdmappedBind.SYS_MOUNT_SETATTR, fd, FfmLibc.cStringAddress(arena, ""),
                    flags, attr.address(), IdmappedBind.MOUNT_ATTR_SIZE);
        });
    }

    @Override
    public int fsopen(String fstype) {
        return (int) FfmLibc.call("fsopen", fstype, (arena, state) -> FfmLibc.syscall(state, PathMask.SYS_FSOPEN,
                FfmLibc.cStringAddress(arena, fstype), PathMask.FS_CLOEXEC));
    }

    @Override
    public void fsconfigCreate(int fd) {
        FfmLibc.call("fsconfig", String.valueOf(fd), (arena, state) -> FfmLibc.syscall(state, PathMask.SYS_FSCONFIG,
                fd, PathMask.FSCONFIG_CMD_CREATE, 0, 0, 0));
    }

    @Override
    public int fsmount(int fd, int attributes) {
        return (int) FfmLibc.call("fsmount", String.valueOf(fd), (arena, state) -> FfmLibc.syscall(state,
                PathMask.SYS_FSMOUNT, fd, PathMask.FS_CLOEXEC, attributes));
    }

    @Override
    public void moveMount(int from, int to) {
        FfmLibc.call("move_mount", from + " onto " + to, (arena, state) -> {
            long empty = FfmLibc.cStringAddress(arena, "");
            return FfmLibc.syscall(state, PathMask.SYS_MOVE_MOUNT, from, empty, to, empty, PathMask.MOVE_MOUNT_FD_TO_FD);
        });
    }

    @Override
    public void close(int fd) {
        FfmLibc.close(fd);
    }
}
