package io.jrunc.adapter.jna;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.MountRequest;

/** The system calls of {@link BeneathRoot}'s steps, through JNA. */
final class JnaBeneath implements BeneathRoot.Calls {
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
    public void close(int fd) {
        INSTANCE.close(fd);
    }
}
