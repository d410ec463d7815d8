package io.jrunc.adapter.ffm;

import io.jrunc.ports.Mounts;
import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.MountInfo;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.PathMask;
import java.lang.foreign.Arena;

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
        BeneathRoot.mount(root, request, FfmBeneath.CALLS);
    }

    @Override
    public void mountCopyingUp(String root, MountRequest request) {
        BeneathRoot.mountCopyingUp(root, request, FfmBeneath.CALLS);
    }

    @Override
    public void bindIdmapped(String root, io.jrunc.ports.model.IdmappedBind bind) {
        io.jrunc.ports.model.IdmappedBind.mount(root, bind, FfmBeneath.CALLS);
    }

    @Override
    public boolean mask(String root, String path) {
        return PathMask.mask(root, path, FfmBeneath.CALLS);
    }

    @Override
    public java.util.Optional<MountInfo> mountOf(String path) {
        return MountInfo.containing(MountInfo.parse(FfmFileIo.readIfExists("/proc/thread-self/mountinfo").orElse("")),
                path);
    }

    static void mount(MountRequest request, String target) {
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
