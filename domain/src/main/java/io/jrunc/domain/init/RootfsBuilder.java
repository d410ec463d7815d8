package io.jrunc.domain.init;

import io.jrunc.domain.paths.LexicalPath;
import io.jrunc.domain.runtime.DeviceSpec;
import io.jrunc.domain.runtime.MountSpec;
import io.jrunc.domain.runtime.RootfsSpec;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountInfo;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.SyscallException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the container's root filesystem inside its mount namespace, in runc's order: propagation,
 * the root's own bind mount, the config's mounts, device nodes, the /dev links and the switch of root. The
 * read-only remount of the root comes later, as runc's finalizeRootfs: {@link #remountRootReadonly}.
 */
final class RootfsBuilder {
    private static final Set<MountFlag> ATIME = EnumSet.of(
            MountFlag.MS_NOATIME, MountFlag.MS_NODIRATIME, MountFlag.MS_RELATIME, MountFlag.MS_STRICTATIME);
    private static final Set<MountFlag> PROPAGATION = EnumSet.of(
            MountFlag.MS_SHARED, MountFlag.MS_SLAVE, MountFlag.MS_PRIVATE, MountFlag.MS_UNBINDABLE);

    private final Mounts mounts;
    private final Filesystem fs;
    private final CgroupMount cgroupMount;
    private final InitProcess init;

    RootfsBuilder(Mounts mounts, Filesystem fs, Cgroups cgroups, InitProcess init) {
        this.mounts = mounts;
        this.fs = fs;
        this.init = init;
        this.cgroupMount = new CgroupMount(mounts, fs, cgroups, init);
    }

    /** Everything beneath the rootfs before the switch of root: hooks run between the two (runc's procHooks). */
    void build(RootfsSpec r) {
        if (!r.mountNamespace()) {
            // The caller's mount namespace, maybe the host's: no mount there; the switch is a chroot alone.
            return;
        }
        // First, so nothing mounted below travels back to the host's namespace.
        mounts.mount(MountRequest.propagation("/", r.propagation()));
        // pivot_root and MS_MOVE refuse a root whose parent mount is shared, as rootfsPropagation "shared" makes
        // every mount: that one mount is made private (runc's rootfsParentMountPrivate); the container's own root
        // gets "shared" back after the switch.
        mounts.mountOf(r.path()).filter(MountInfo::shared).ifPresent(parent ->
                mounts.mount(MountRequest.propagation(parent.mountPoint(), EnumSet.of(MountFlag.MS_PRIVATE))));
        // pivot_root needs the new root to be a mount point; MS_REC keeps the image's own submounts.
        mounts.mount(MountRequest.of(r.path(), r.path(), "bind", EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REC), ""));
        boolean devMounted = false;
        boolean devptsMounted = false;
        for (MountSpec m : r.mounts()) {
            mount(r, m);
            devMounted |= m.destination().equals("/dev");
            devptsMounted |= m.destination().equals("/dev/pts") && m.type().equals("devpts");
        }
        // Nodes go on the /dev tmpfs when the config mounts one, else into the image's own /dev.
        String dev = inRoot(r.path(), "/dev");
        fs.mkdirsBeneath(r.path(), dev, 0755);
        for (DeviceSpec d : r.devices()) {
            String path = entryInRoot(r.path(), d.path());
            fs.mkdirsBeneath(r.path(), parent(path), 0755); // as runc: a node's directory is made if missing
            // Beneath the root, its mode and owner set through an fd on it: a link swapped in is never followed.
            fs.removeBeneath(r.path(), path);
            try {
                fs.mknodBeneath(r.path(), new DeviceNode(path, d.type(), d.fileMode(), d.major(), d.minor(), d.uid(),
                        d.gid()));
            } catch (SyscallException e) {
                if (e.errno() != Errno.EPERM) {
                    throw e;
                }
                // Only host root may make a device node (rootless: root of a user namespace cannot): the host's
                // node at the same path is bound on an empty file instead, as runc binds devices in a user namespace.
                fs.touchBeneath(r.path(), path, 0);
                mounts.mountBeneath(r.path(), MountRequest.of(d.path(), path, "bind", EnumSet.of(MountFlag.MS_BIND), ""));
            }
        }
        if (devMounted) {
            links(r.path(), dev, devptsMounted);
        }
    }

    /** The switch into the rootfs {@link #build} prepared, then the root's own propagation (its read-only remount is FinalizeRootfs). */
    void switchTo(RootfsSpec r) {
        switchRoot(r);
        if (!r.mountNamespace()) {
            // The init and this thread chroot, as runc does without a mount namespace: nothing to remount.
            return;
        }
        if (r.propagation().contains(MountFlag.MS_SHARED)) {
            mounts.mount(MountRequest.propagation("/", r.propagation()));
        }
    }

    /** root.readonly, after the switch of root: the mounts and the console before it need a writable root. */
    static void remountRootReadonly(Mounts mounts) {
        mounts.mount(MountRequest.of("", "/", "",
                EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REMOUNT, MountFlag.MS_RDONLY, MountFlag.MS_REC), ""));
    }

    private void mount(RootfsSpec r, MountSpec m) {
        String target = MountDestinations.target(fs, r.path(), m);
        // Made beneath the root, as the mounts below are: a link swapped in meanwhile is refused, not followed.
        if (m.isBind() && !fs.isDirectory(m.source())) {
            fs.mkdirsBeneath(r.path(), parent(target), 0755);
            fs.touchBeneath(r.path(), target, 0644);
        } else {
            fs.mkdirsBeneath(r.path(), target, 0755);
        }
        EnumSet<MountFlag> flags = m.flags().isEmpty() ? EnumSet.noneOf(MountFlag.class) : EnumSet.copyOf(m.flags());
        flags.removeAll(PROPAGATION);
        if (m.type().equals("cgroup")) {
            cgroupMount.mount(r.path(), target, m, r.cgroupNamespace());
        } else if (m.isBind()) {
            if (m.idmap().isPresent()) {
                // Made fd to fd with its mapping; its other flags are the same remount after as any bind's.
                IdmappedMounts.bind(mounts, r.path(), m, target);
                remountFlags(r.path(), m.source(), target, m.type(), flags);
            } else {
                bind(r.path(), m.source(), target, m.type(), flags, m.data());
            }
        } else if (m.type().equals("sysfs")) {
            try {
                mounts.mountBeneath(r.path(), MountRequest.of(m.source(), target, m.type(), flags, m.data()));
            } catch (SyscallException e) {
                if (e.errno() != Errno.EPERM) {
                    throw e;
                }
                // Only the owner of the network namespace's user namespace may mount a sysfs (rootless, without a
                // network namespace of its own): the host's /sys is bound instead, with the same flags, as runc does.
                EnumSet<MountFlag> recursive = EnumSet.copyOf(flags);
                recursive.addAll(EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REC));
                bind(r.path(), "/sys", target, "bind", recursive, "");
            }
        } else if (m.type().equals("proc")) {
            // Only a process inside the container's pid namespace can mount a proc that shows it.
            init.mountProc(r.path(), MountRequest.of(m.source(), target, m.type(), flags, m.data()));
        } else if (m.copyUp() && m.type().equals("tmpfs")) {
            // As runc, which honours tmpcopyup on a tmpfs only.
            mounts.mountCopyingUp(r.path(), MountRequest.of(m.source(), target, m.type(), flags, m.data()));
        } else {
            mounts.mountBeneath(r.path(), MountRequest.of(m.source(), target, m.type(), flags, m.data()));
        }
        for (Set<MountFlag> p : m.propagation()) {
            mounts.mountBeneath(r.path(), MountRequest.propagation(target, p));
        }
    }

    /** A bind ignores every flag but MS_REC; the others take a remount of the bind to apply. */
    private void bind(String root, String source, String target, String type, Set<MountFlag> flags, String data) {
        mounts.mountBeneath(root, MountRequest.of(source, target, type, only(flags, MountFlag.MS_BIND, MountFlag.MS_REC),
                data));
        remountFlags(root, source, target, type, flags);
    }

    /** A bind ignores every flag but MS_REC: the others take a remount of the bind to apply. */
    private void remountFlags(String root, String source, String target, String type, Set<MountFlag> flags) {
        EnumSet<MountFlag> extra = EnumSet.noneOf(MountFlag.class);
        extra.addAll(flags);
        extra.removeAll(EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REC));
        if (!extra.isEmpty()) {
            extra.add(MountFlag.MS_BIND);
            extra.add(MountFlag.MS_REMOUNT);
            remountBind(root, source, target, type, extra);
        }
    }

    /**
     * In a mount namespace a user namespace owns (rootless), a bind keeps its source's flags locked: a remount
     * that leaves one out fails with EPERM, so it is tried again with them named too, as runc does.
     */
    private void remountBind(String root, String source, String target, String type, Set<MountFlag> flags) {
        try {
            mounts.mountBeneath(root, MountRequest.of(source, target, type, flags, ""));
        } catch (SyscallException e) {
            Set<MountFlag> locked = EnumSet.noneOf(MountFlag.class);
            if (e.errno() == Errno.EPERM) {
                mounts.mountOf(target).ifPresent(m -> locked.addAll(m.lockedFlags()));
            }
            EnumSet<MountFlag> again = EnumSet.copyOf(flags);
            if (!java.util.Collections.disjoint(flags, ATIME)) {
                locked.removeAll(ATIME);
            }
            again.addAll(locked);
            if (again.equals(flags)) {
                throw e;
            }
            mounts.mountBeneath(root, MountRequest.of(source, target, type, again, ""));
        }
    }

    /**
     * The /dev links, in {@code dev}: the container's /dev on the host, already resolved in the root; made in it
     * opened beneath the root, so a /dev swapped for a link meanwhile is refused, not followed.
     */
    private void links(String root, String dev, boolean devpts) {
        fs.symlinkBeneath(root, "/proc/self/fd", dev + "/fd");
        fs.symlinkBeneath(root, "/proc/self/fd/0", dev + "/stdin");
        fs.symlinkBeneath(root, "/proc/self/fd/1", dev + "/stdout");
        fs.symlinkBeneath(root, "/proc/self/fd/2", dev + "/stderr");
        if (devpts) {
            // The devpts instance mounted for this container, not the host's /dev/ptmx.
            fs.removeBeneath(root, dev + "/ptmx");
            fs.symlinkBeneath(root, "pts/ptmx", dev + "/ptmx");
        }
    }

    /**
     * Where a container path is on the host before the switch of root: with the image's symbolic links resolved
     * inside the root, so that none routes a mount, a node or a link to the host's own tree.
     */
    private String inRoot(String root, String path) {
        return RootPaths.resolve(fs, root, path);
    }

    /** The same for an entry that replaces whatever is at its name (a device node): only its directory resolved. */
    private String entryInRoot(String root, String path) {
        List<String> parts = LexicalPath.segments(path);
        if (parts.isEmpty()) {
            return inRoot(root, "/");
        }
        String directory = "/" + String.join("/", parts.subList(0, parts.size() - 1));
        return inRoot(root, directory) + "/" + parts.get(parts.size() - 1);
    }

    private void switchRoot(RootfsSpec r) {
        fs.chdir(r.path());
        init.prepareRootSwitch(r.path());
        if (!r.mountNamespace()) {
            // The caller's mount namespace: only a chroot, as runc's without a mount namespace of its own.
            mounts.chroot(".");
            init.followMovedRoot();
        } else if (r.noPivot()) {
            // runc --no-pivot: for ramfs roots, where pivot_root is not allowed.
            mounts.mount(MountRequest.of(r.path(), "/", "", EnumSet.of(MountFlag.MS_MOVE), ""));
            mounts.chroot(".");
            init.followMovedRoot();
        } else {
            // pivot_root(2)'s own recipe: the old root lands on top of "." and is lazily unmounted, so
            // the host's filesystem is gone from the container without a temporary directory.
            mounts.pivotRoot(".", ".");
            mounts.unmount(".", true);
        }
        fs.chdir("/");
    }

    private static Set<MountFlag> only(Set<MountFlag> flags, MountFlag... keep) {
        EnumSet<MountFlag> out = EnumSet.noneOf(MountFlag.class);
        for (MountFlag k : keep) {
            if (flags.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
