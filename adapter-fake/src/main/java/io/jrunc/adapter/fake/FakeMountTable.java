package io.jrunc.adapter.fake;

import io.jrunc.adapter.fake.FakeFilesystem.Kind;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.List;

/** The mount table and the caller's root, which pivot_root and chroot move. */
final class FakeMountTable {
    private final FakeFilesystem files;
    /** Directories that exist outside the filesystem: the cgroup tree's. */
    private final java.util.function.Predicate<String> otherDirectories;
    private final List<MountRequest> mounts = new ArrayList<>();
    /** Mount points in a peer group, and those that may not be bound: "/" (always a mount) starts private. */
    private final java.util.Set<String> shared = new java.util.HashSet<>();
    private final java.util.Set<String> unbindable = new java.util.HashSet<>();
    /** Each mount point's own flags (ro, nosuid, nodev, noexec, atime), as mountinfo's sixth field shows them. */
    private final java.util.Map<String, java.util.Set<MountFlag>> options = new java.util.HashMap<>();
    private static final java.util.Set<MountFlag> PER_MOUNT = java.util.EnumSet.of(MountFlag.MS_RDONLY,
            MountFlag.MS_NOSUID, MountFlag.MS_NODEV, MountFlag.MS_NOEXEC, MountFlag.MS_NOATIME,
            MountFlag.MS_NODIRATIME, MountFlag.MS_RELATIME);
    private String root = "/";

    FakeMountTable(FakeFilesystem files, java.util.function.Predicate<String> otherDirectories) {
        this.files = files;
        this.otherDirectories = otherDirectories;
    }

    synchronized void mount(MountRequest request) {
        if (!files.exists(request.target())) {
            throw new SyscallException("mount", Errno.ENOENT, request.toString());
        }
        boolean bindOrMove = request.flags().contains(MountFlag.MS_BIND) || request.flags().contains(MountFlag.MS_MOVE);
        if (bindOrMove && !request.source().isEmpty() && !files.exists(request.source())
                && !otherDirectories.test(request.source())) {
            throw new SyscallException("mount", Errno.ENOENT, request.toString());
        }
        // A remount or a propagation change alters a mount that is there; it adds no entry of its own.
        boolean changesOnlyPropagation = request.fstype().isEmpty() && !bindOrMove
                && !request.flags().contains(MountFlag.MS_REMOUNT);
        if (changesOnlyPropagation) {
            propagate(files.absolute(request.target()), request.flags());
            return;
        }
        if (request.flags().contains(MountFlag.MS_REMOUNT)) {
            options.put(mountPointOf(files.absolute(request.target())), perMount(request.flags()));
            return;
        }
        String target = files.absolute(request.target());
        // A bind has its source mount's flags (which a remount may change later), a new mount its own.
        options.put(target, request.flags().contains(MountFlag.MS_BIND)
                ? options.getOrDefault(mountPointOf(files.absolute(request.source())), java.util.Set.of())
                : perMount(request.flags()));
        if (request.flags().contains(MountFlag.MS_BIND)) {
            // A bind of an unbindable mount is EINVAL; one of a shared mount joins its peer group.
            String from = mountPointOf(files.absolute(request.source()));
            if (unbindable.contains(from)) {
                throw new SyscallException("mount", Errno.EINVAL, request.toString());
            }
            if (shared.contains(from)) {
                shared.add(target);
            }
        }
        mounts.add(new MountRequest(request.source(), target, request.fstype(), request.flags(), request.data()));
    }

    private void propagate(String target, java.util.Set<MountFlag> flags) {
        List<String> affected = new ArrayList<>(List.of(target));
        if (flags.contains(MountFlag.MS_REC)) {
            affected.addAll(mountPointsBelow(target));
        }
        for (String mp : affected) {
            if (flags.contains(MountFlag.MS_SHARED)) {
                shared.add(mp);
                unbindable.remove(mp);
            } else if (flags.contains(MountFlag.MS_PRIVATE) || flags.contains(MountFlag.MS_SLAVE)) {
                shared.remove(mp);
                unbindable.remove(mp);
            } else if (flags.contains(MountFlag.MS_UNBINDABLE)) {
                shared.remove(mp);
                unbindable.add(mp);
            }
        }
    }

    /** The mount point {@code path} lies on: the longest one that holds it, "/" at least. */
    synchronized String mountPointOf(String path) {
        String best = "/";
        for (MountRequest m : mounts) {
            String mp = m.target();
            if ((path.equals(mp) || path.startsWith(mp + "/")) && mp.length() > best.length()) {
                best = mp;
            }
        }
        return best;
    }

    /** The mount point's own options, as mountinfo writes them: "rw" or "ro", then the others set. */
    synchronized String optionsOf(String mountPoint) {
        java.util.Set<MountFlag> own = options.getOrDefault(mountPoint, java.util.Set.of());
        StringBuilder out = new StringBuilder(own.contains(MountFlag.MS_RDONLY) ? "ro" : "rw");
        for (MountFlag f : own) {
            if (f != MountFlag.MS_RDONLY) {
                out.append(',').append(f.name().substring(3).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out.toString();
    }

    private static java.util.Set<MountFlag> perMount(java.util.Set<MountFlag> flags) {
        java.util.Set<MountFlag> own = java.util.EnumSet.noneOf(MountFlag.class);
        own.addAll(flags);
        own.retainAll(PER_MOUNT);
        return own;
    }

    synchronized boolean isShared(String mountPoint) {
        return shared.contains(mountPoint);
    }

    /** The topmost mount on the target goes; ENOENT when nothing is there, EINVAL when it is no mount point. */
    synchronized void unmount(String target) {
        String t = files.absolute(target);
        if (!files.exists(t)) {
            throw new SyscallException("umount2", Errno.ENOENT, target);
        }
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).target().equals(t)) {
                mounts.remove(i);
                return;
            }
        }
        // pivot_root(".", ".") stacks the old root on the new one; unmounting it there is the recipe.
        if (!t.equals(root)) {
            throw new SyscallException("umount2", Errno.EINVAL, target);
        }
    }

    synchronized void pivotRoot(String newRoot, String putOld) {
        String r = files.absolute(newRoot);
        if (!files.exists(r) || !files.exists(putOld)) {
            throw new SyscallException("pivot_root", Errno.ENOENT, newRoot);
        }
        if (!files.is(r, Kind.DIRECTORY)) {
            throw new SyscallException("pivot_root", Errno.ENOTDIR, newRoot);
        }
        if (!isMountPoint(r)) {
            throw new SyscallException("pivot_root", Errno.EINVAL, newRoot); // the new root must be a mount
        }
        String parent = r.lastIndexOf('/') <= 0 ? "/" : r.substring(0, r.lastIndexOf('/'));
        if (shared.contains(mountPointOf(parent)) || shared.contains(r) && files.absolute(putOld).equals(r)) {
            // pivot_root(2): neither the new root's parent mount nor put_old may be shared.
            throw new SyscallException("pivot_root", Errno.EINVAL, newRoot);
        }
        root = r;
    }

    synchronized void chroot(String path) {
        if (!files.exists(path)) {
            throw new SyscallException("chroot", Errno.ENOENT, path);
        }
        if (!files.is(path, Kind.DIRECTORY)) {
            throw new SyscallException("chroot", Errno.ENOTDIR, path);
        }
        root = files.absolute(path);
    }

    synchronized List<MountRequest> mounts() {
        return List.copyOf(mounts);
    }

    synchronized boolean isMountPoint(String path) {
        String p = files.absolute(path);
        return mounts.stream().anyMatch(m -> m.target().equals(p));
    }

    /** The mount points strictly below {@code path}, in the order they were mounted. */
    synchronized List<String> mountPointsBelow(String path) {
        String prefix = files.absolute(path).equals("/") ? "/" : files.absolute(path) + "/";
        return mounts.stream().map(MountRequest::target).filter(t -> t.startsWith(prefix)).distinct()
                .collect(java.util.stream.Collectors.toList());
    }

    synchronized String root() {
        return root;
    }
}
