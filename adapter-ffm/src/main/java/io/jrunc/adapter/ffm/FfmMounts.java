package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jrunc.ports.Mounts;
import io.jrunc.ports.model.MountRequest;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** mount(2), umount2(2), pivot_root(2) and chroot(2), on the calling thread's mount namespace. */
final class FfmMounts implements Mounts {
    private static final int MNT_DETACH = 2;
    /** glibc has no pivot_root wrapper. */
    private static final long SYS_PIVOT_ROOT = FfmLibc.isAarch64() ? 41 : 155;

    private static final class mount {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("mount",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    }

    private static final class umount2 {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("umount2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class chroot {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("chroot", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    @Override
    public void mount(MountRequest request) {
        long flags = request.flagBits();
        FfmLibc.call("mount", request.toString(), (arena, state) -> (int) mount.HANDLE.invokeExact(state,
                orNull(arena, request.source()), FfmLibc.cString(arena, request.target()),
                orNull(arena, request.fstype()), flags, orNull(arena, request.data())));
    }

    /** The kernel reads "" and NULL differently (a NULL fstype is required for a bind or a remount). */
    private static MemorySegment orNull(Arena arena, String s) {
        return s.isEmpty() ? MemorySegment.NULL : FfmLibc.cString(arena, s);
    }

    @Override
    public void unmount(String target, boolean detach) {
        int flags = detach ? MNT_DETACH : 0;
        FfmLibc.call("umount2", target,
                (arena, state) -> (int) umount2.HANDLE.invokeExact(state, FfmLibc.cString(arena, target), flags));
    }

    @Override
    public void pivotRoot(String newRoot, String putOld) {
        try (Arena arena = Arena.ofConfined()) {
            FfmLibc.syscall("pivot_root", SYS_PIVOT_ROOT, FfmLibc.cString(arena, newRoot).address(),
                    FfmLibc.cString(arena, putOld).address(), 0, "new_root=" + newRoot + ", put_old=" + putOld);
        }
    }

    @Override
    public void chroot(String path) {
        FfmLibc.call("chroot", path,
                (arena, state) -> (int) chroot.HANDLE.invokeExact(state, FfmLibc.cString(arena, path)));
    }
}
