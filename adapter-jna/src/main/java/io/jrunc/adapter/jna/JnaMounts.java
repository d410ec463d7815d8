package io.jrunc.adapter.jna;

import io.jrunc.ports.Mounts;
import io.jrunc.ports.model.BeneathRoot;
import io.jrunc.ports.model.MountInfo;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.PathMask;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

final class JnaMounts implements Mounts {
    private static final int MNT_DETACH = 2;

    @Override
    public void mount(MountRequest request) {
        mount(request, request.target());
    }

    @Override
    public void mountBeneath(String root, MountRequest request) {
        BeneathRoot.mount(root, request, JnaBeneath.CALLS);
    }

    @Override
    public void mountCopyingUp(String root, MountRequest request) {
        BeneathRoot.mountCopyingUp(root, request, JnaBeneath.CALLS);
    }

    @Override
    public void bindIdmapped(String root, io.jrunc.ports.model.IdmappedBind bind) {
        io.jrunc.ports.model.IdmappedBind.mount(root, bind, JnaBeneath.CALLS);
    }

    @Override
    public boolean mask(String root, String path) {
        return PathMask.mask(root, path, JnaBeneath.CALLS);
    }

    @Override
    public java.util.Optional<MountInfo> mountOf(String path) {
        return MountInfo.containing(JnaMountPoints.current(), path);
    }

    /** Empty strings go to the kernel as NULL: it ignores the type and data of binds and propagation changes. */
    static void mount(MountRequest request, String target) {
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
