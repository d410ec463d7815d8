package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.Mounts;
import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** mount(2), umount2(2), pivot_root(2) and chroot(2), on the calling thread's mount namespace. */
final class FfmMounts implements Mounts {
    private static final int MNT_DETACH = 2;
    /** glibc has no pivot_root wrapper; mount's would be a call shape of its own (FfmFunction). */
    private static final long SYS_PIVOT_ROOT = FfmLibc.sysno(155, 41);
    private static final long SYS_MOUNT = FfmLibc.sysno(165, 40);

    private static final class umount2 {
        static final FfmFunction FUNCTION = FfmFunction.of("umount2", 2);
    }

    private static final class chroot {
        static final FfmFunction FUNCTION = FfmFunction.of("chroot", 1);
    }

    @Override
    public void mount(MountRequest request) {
        mount(request, request.target());
    }

    @Override
    public void mountBeneath(String root, MountRequest request) {
        String relative = BeneathRoot.relative(root, request.target());
        int rootFd = FfmLibc.open(root, FfmLibc.O_PATH | FfmLibc.O_CLOEXEC, 0);
        try {
            int target;
            try {
                target = (int) FfmLibc.call("mount", request.toString(), (arena, state) -> {
                    MemorySegment how = arena.allocate(JAVA_LONG, 3);
                    MemorySegment.copy(new long[] {FfmLibc.O_PATH | FfmLibc.O_CLOEXEC, 0, BeneathRoot.RESOLVE_IN_ROOT},
                            0, how, JAVA_LONG, 0, 3);
                    return FfmLibc.syscall(state, BeneathRoot.SYS_OPENAT2, rootFd, FfmLibc.cStringAddress(arena, relative),
                            how.address(), BeneathRoot.OPEN_HOW_SIZE);
                });
            } catch (SyscallException e) {
                if (e.errno() == Errno.ENOSYS) {
                    mount(request); // a kernel before 5.6
                    return;
                }
                throw e;
            }
            try {
                mount(request, "/proc/self/fd/" + target);
            } finally {
                FfmLibc.close(target);
            }
        } finally {
            FfmLibc.close(rootFd);
        }
    }

    private static void mount(MountRequest request, String target) {
        long flags = request.flagBits();
        FfmLibc.call("mount", request.toString(), (arena, state) -> FfmLibc.syscall(state, SYS_MOUNT,
                orNull(arena, request.source()), FfmLibc.cStringAddress(arena, target),
                orNull(arena, request.fstype()), flags, orNull(arena, request.data())));
    }

    /** The kernel reads "" and NULL differently (a NULL fstype is required for a bind or a remount). */
    private static long orNull(Arena arena, String s) {
        return s.isEmpty() ? 0 : FfmLibc.cStringAddress(arena, s);
    }

    @Override
    public void unmount(String target, boolean detach) {
        int flags = detach ? MNT_DETACH : 0;
        FfmLibc.call("umount2", target,
                (arena, state) -> umount2.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, target), flags));
    }

    @Override
    public void pivotRoot(String newRoot, String putOld) {
        try (Arena arena = Arena.ofConfined()) {
            FfmLibc.syscall("pivot_root", "new_root=" + newRoot + ", put_old=" + putOld, SYS_PIVOT_ROOT,
                    FfmLibc.cStringAddress(arena, newRoot), FfmLibc.cStringAddress(arena, putOld));
        }
    }

    @Override
    public void chroot(String path) {
        FfmLibc.call("chroot", path,
                (arena, state) -> chroot.FUNCTION.invoke(state, FfmLibc.cStringAddress(arena, path)));
    }
}
