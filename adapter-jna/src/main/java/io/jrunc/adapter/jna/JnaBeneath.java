package io.jrunc.adapter.jna;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.ProcfsWrite;

/** The system calls of {@link BeneathRoot}'s and {@link ProcfsWrite}'s steps, through JNA. */
final class JnaBeneath implements BeneathRoot.Calls, ProcfsWrite.Calls {
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
    public void close(int fd) {
        INSTANCE.close(fd);
    }
}
