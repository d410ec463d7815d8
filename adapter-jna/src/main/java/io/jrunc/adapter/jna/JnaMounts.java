package io.jrunc.adapter.jna;

import io.jrunc.ports.Mounts;
import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.SyscallException;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

final class JnaMounts implements Mounts {
    private static final int MNT_DETACH = 2;

    @Override
    public void mount(MountRequest request) {
        mount(request, request.target());
    }

    @Override
    public void mountBeneath(String root, MountRequest request) {
        String relative = BeneathRoot.relative(root, request.target());
        int rootFd = JnaCheck.call("open", root, () -> INSTANCE.open(root, JnaLibc.O_PATH | JnaLibc.O_CLOEXEC, 0));
        try {
            long[] how = {JnaLibc.O_PATH | JnaLibc.O_CLOEXEC, 0, BeneathRoot.RESOLVE_IN_ROOT};
            int target;
            try {
                target = (int) JnaCheck.callLong("mount", request.toString(), () -> INSTANCE.syscall(
                        BeneathRoot.SYS_OPENAT2, rootFd, relative, how, BeneathRoot.OPEN_HOW_SIZE));
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
                INSTANCE.close(target);
            }
        } finally {
            INSTANCE.close(rootFd);
        }
    }

    /** Empty strings go to the kernel as NULL: it ignores the type and data of binds and propagation changes. */
    private static void mount(MountRequest request, String target) {
        String source = nullIfEmpty(request.source());
        String fstype = nullIfEmpty(request.fstype());
        String data = nullIfEmpty(request.data());
        long flags = request.flagBits();
        JnaCheck.call("mount", request.toString(), () -> INSTANCE.mount(source, target, fstype, flags, data));
    }

    @Override
    public void unmount(String target, boolean detach) {
        int flags = detach ? MNT_DETACH : 0;
        JnaCheck.call("umount", target, () -> INSTANCE.umount2(target, flags));
    }

    @Override
    public void pivotRoot(String newRoot, String putOld) {
        long number = JnaSyscallNumbers.PIVOT_ROOT.number();
        JnaCheck.callLong("pivot_root", newRoot, () -> INSTANCE.syscall(number, newRoot, putOld));
    }

    @Override
    public void chroot(String path) {
        JnaCheck.call("chroot", path, () -> INSTANCE.chroot(path));
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }
}
