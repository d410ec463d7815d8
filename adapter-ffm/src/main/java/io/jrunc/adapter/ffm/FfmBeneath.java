package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.ProcfsWrite;
import java.lang.foreign.MemorySegment;

/** The system calls of {@link BeneathRoot}'s and {@link ProcfsWrite}'s steps, through the FFM API. */
final class FfmBeneath implements BeneathRoot.Calls, ProcfsWrite.Calls {
    static final FfmBeneath CALLS = new FfmBeneath();
    private static final long SYS_MKDIRAT = FfmLibc.sysno(258, 34);
    private static final long SYS_FSTATFS = FfmLibc.sysno(138, 44);
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
    public void close(int fd) {
        FfmLibc.close(fd);
    }
}
