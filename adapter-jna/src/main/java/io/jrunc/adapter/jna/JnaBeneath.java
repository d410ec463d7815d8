package io.jrunc.adapter.jna;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.IdmappedBind;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.NodesBeneath;
import io.jrunc.ports.model.PathMask;
import io.jrunc.ports.model.ProcfsWrite;

/** The system calls of {@link BeneathRoot}'s, {@link ProcfsWrite}'s, {@link PathMask}'s and {@link IdmappedBind}'s steps, through JNA. */
final class JnaBeneath implements NodesBeneath.Calls, ProcfsWrite.Calls, PathMask.Calls, IdmappedBind.Calls {
    private static final int AT_EMPTY_PATH = 0x1000;
    /** STATX_TYPE | STATX_MODE. */
    private static final int STATX_MODE = 0x3;
    static final JnaBeneath CALLS = new JnaBeneath();

    private JnaBeneath() {
    }

    @Override
    public int openPath(String path) {
        return JnaCheck.call("open", path, () -> INSTANCE.open(path, BeneathRoot.O_PATH_CLOEXEC, 0));
    }

    @Override
    public int openBeneath(int rootFd, String relative, long[] how) {
        return (int) JnaCheck.callLong("openat2", relative, () -> INSTANCE.syscall(BeneathRoot.SYS_OPENAT2, rootFd,
                relative, how, BeneathRoot.OPEN_HOW_SIZE));
    }

    @Override
    public void mount(MountRequest request, String target) {
        JnaMounts.mount(request, target);
    }

    @Override
    public void mkdirat(int dirFd, String name, int mode) {
        JnaCheck.call("mkdirat", name, () -> INSTANCE.mkdirat(dirFd, name, mode));
    }

    @Override
    public int open(String path, int flags) {
        return JnaCheck.call("open", path, () -> INSTANCE.open(path, flags, 0));
    }

    @Override
    public long filesystemType(int fd) {
        long[] statfs = new long[16];
        JnaCheck.call("fstatfs", String.valueOf(fd), () -> INSTANCE.fstatfs(fd, statfs));
        return statfs[0];
    }

    @Override
    public void write(int fd, byte[] content, String path) {
        JnaFileIo.writeAll(fd, content, path);
    }

    @Override
    public void unlinkat(int dirFd, String name, int flags) {
        JnaCheck.call("unlinkat", name, () -> INSTANCE.unlinkat(dirFd, name, flags));
    }

    @Override
    public void mknodat(int dirFd, String name, int mode, long dev) {
        JnaCheck.call("mknodat", name, () -> INSTANCE.mknodat(dirFd, name, mode, dev));
    }

    @Override
    public void symlinkat(String target, int dirFd, String name) {
        JnaCheck.call("symlinkat", name + " -> " + target, () -> INSTANCE.symlinkat(target, dirFd, name));
    }

    @Override
    public void chown(int fd, int uid, int gid) {
        JnaCheck.call("fchownat", String.valueOf(fd), () -> INSTANCE.fchownat(fd, "", uid, gid, AT_EMPTY_PATH));
    }

    @Override
    public void chmod(String path, int mode) {
        JnaCheck.call("chmod", path, () -> INSTANCE.chmod(path, mode));
    }

    /** struct statx is 256 bytes on every architecture: stx_mode a u16 at 28, stx_rdev_major/minor u32s at 128. */
    @Override
    public PathMask.Node stat(int fd) {
        byte[] statx = new byte[256];
        long number = JnaSyscallNumbers.STATX.number();
        JnaCheck.callLong("statx", String.valueOf(fd),
                () -> INSTANCE.syscall(number, fd, "", AT_EMPTY_PATH, STATX_MODE, statx));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(statx).order(java.nio.ByteOrder.nativeOrder());
        return new PathMask.Node(Short.toUnsignedInt(b.getShort(28)), Integer.toUnsignedLong(b.getInt(128)),
                Integer.toUnsignedLong(b.getInt(132)));
    }

    @Override
    public int openTree(int fd) {
        return (int) JnaCheck.callLong("open_tree", String.valueOf(fd),
                () -> INSTANCE.syscall(PathMask.SYS_OPEN_TREE, fd, "", PathMask.OPEN_TREE_BIND_OF_FD));
    }

    @Override
    public int openTree(int fd, int flags) {
        return (int) JnaCheck.callLong("open_tree", String.valueOf(fd),
                () -> INSTANCE.syscall(PathMask.SYS_OPEN_TREE, fd, "", flags));
    }

    @Override
    public void mountSetattr(int fd, int flags, long attrSet, int usernsFd) {
        long[] attr = {attrSet, 0, 0, usernsFd};
        JnaCheck.callLong("mount_setattr", String.valueOf(fd),
                () -> INSTANCE.syscall(IdmappedBind.SYS_MOUNT_SETATTR, fd, "", flags, attr, IdmappedBind.MOUNT_ATTR_SIZE));
    }

    @Override
    public int fsopen(String fstype) {
        return (int) JnaCheck.callLong("fsopen", fstype,
                () -> INSTANCE.syscall(PathMask.SYS_FSOPEN, fstype, PathMask.FS_CLOEXEC));
    }

    @Override
    public void fsconfigCreate(int fd) {
        JnaCheck.callLong("fsconfig", String.valueOf(fd),
                () -> INSTANCE.syscall(PathMask.SYS_FSCONFIG, fd, PathMask.FSCONFIG_CMD_CREATE, 0L, 0L, 0L));
    }

    @Override
    public int fsmount(int fd, int attributes) {
        return (int) JnaCheck.callLong("fsmount", String.valueOf(fd),
                () -> INSTANCE.syscall(PathMask.SYS_FSMOUNT, fd, PathMask.FS_CLOEXEC, attributes));
    }

    @Override
    public void moveMount(int from, int to) {
        JnaCheck.callLong("move_mount", from + " onto " + to,
                () -> INSTANCE.syscall(PathMask.SYS_MOVE_MOUNT, from, "", to, "", PathMask.MOVE_MOUNT_FD_TO_FD));
    }

    @Override
    public void close(int fd) {
        INSTANCE.close(fd);
    }
}
