package io.jrunc.ports;

import io.jrunc.ports.model.MountRequest;

/** mount(2), umount2(2), pivot_root(2) and chroot(2). */
public interface Mounts {
    void mount(MountRequest request);

    /**
     * mount(2) of {@code request} onto its target, a path under {@code root} with no symbolic link left in it:
     * the target is opened beneath {@code root} (openat2 with RESOLVE_IN_ROOT) and mounted on through
     * /proc/self/fd, so a component swapped for a link after the runtime resolved the path still cannot lead
     * the mount out of {@code root} (the race of CVE-2021-30465). Where the kernel has no openat2 (before
     * 5.6), by path. Errors name the request, as {@link #mount} does.
     */
    void mountBeneath(String root, MountRequest request);

    /**
     * {@link #mountBeneath}, then the content the target directory had before is copied into the new mount
     * (runc's {@code tmpcopyup}): directories, files and links, with their owners and modes, no link followed.
     */
    void mountCopyingUp(String root, MountRequest request);

    /**
     * Masks {@code path} as {@code linux.maskedPaths} asks, {@code root} being the caller's root ("/" after the
     * switch of root): a read-only tmpfs on a directory, a bind of the container's /dev/null, checked to be the
     * null device, on anything else; both through fds, never by path ({@link io.jrunc.ports.model.PathMask},
     * CVE-2025-31133). False when nothing is at {@code path}, a dangling link included.
     */
    boolean mask(String root, String path);

    /**
     * An id-mapped bind mount beneath {@code root} ({@link io.jrunc.ports.model.IdmappedBind}): the source cloned
     * detached, given MOUNT_ATTR_IDMAP with the user namespace of {@code bind.usernsFd()}, and moved onto the
     * target opened beneath {@code root}. Flags other than the bind's take a remount after, as for any bind.
     */
    void bindIdmapped(String root, io.jrunc.ports.model.IdmappedBind bind);

    /** umount2 with MNT_DETACH when {@code detach}. */
    void unmount(String target, boolean detach);

    void pivotRoot(String newRoot, String putOld);

    /**
     * The mount {@code path} (absolute, no link in it) lies on in the calling thread's mount namespace, as its
     * /proc/thread-self/mountinfo shows it; empty when none holds it.
     */
    java.util.Optional<io.jrunc.ports.model.MountInfo> mountOf(String path);

    /** chroot(2), for --no-pivot, where the root was moved over "/" with MS_MOVE. */
    void chroot(String path);
}
