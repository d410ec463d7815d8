package io.jrunc.ports;

import io.jrunc.ports.model.MountRequest;

/** mount(2), umount2(2), pivot_root(2) and chroot(2). */
public interface Mounts {
    void mount(MountRequest request);

    /** umount2 with MNT_DETACH when {@code detach}. */
    void unmount(String target, boolean detach);

    void pivotRoot(String newRoot, String putOld);

    /** chroot(2), for --no-pivot, where the root was moved over "/" with MS_MOVE. */
    void chroot(String path);
}
