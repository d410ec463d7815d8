package io.jrunc.adapter.ffm;


import io.jrunc.ports.Namespaces;
import io.jrunc.ports.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * unshare(2) and setns(2). Both act on the calling thread only; in a JVM that is never the whole process, so
 * callers use a thread of their own (see {@link FfmProcesses#spawn}).
 */
final class FfmNamespaces implements Namespaces {
    /** Gives the thread its own cwd/root/umask: setns into a mount namespace refuses a shared fs_struct. */
    static final int CLONE_FS = 0x00000200;

    private static final class unshare {
        static final FfmFunction FUNCTION = FfmFunction.of("unshare", 1);
    }

    private static final class setns {
        static final FfmFunction FUNCTION = FfmFunction.of("setns", 2);
    }

    @Override
    public void unshare(Set<Namespace> namespaces) {
        // CLONE_FS too: the kernel adds it for a new mount namespace anyway, and with it the chdir, chroot and
        // umask that follow (after pivot_root, say) change this thread alone, not the whole JVM.
        int flags = Namespace.cloneFlags(namespaces) | CLONE_FS;
        FfmLibc.call("unshare", namespaces.toString(), (arena, state) -> unshare.FUNCTION.invoke(state, flags));
    }

    @Override
    public int openNamespace(String path) {
        return FfmLibc.open(path, FfmLibc.O_RDONLY | FfmLibc.O_CLOEXEC, 0);
    }

    @Override
    public void setns(String path, Namespace type) {
        join(Map.of(type, path));
    }

    /**
     * Joins all the namespaces: the user namespace first (it owns the others), the mount namespace last
     * (the other paths are opened before it changes what they resolve to).
     */
    void join(Map<Namespace, String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        List<Map.Entry<Namespace, String>> ordered = new ArrayList<>(paths.entrySet());
        ordered.sort(Map.Entry.comparingByKey(Namespace.JOIN_ORDER));
        List<Integer> fds = new ArrayList<>();
        try {
            for (var entry : ordered) {
                fds.add(FfmLibc.open(entry.getValue(), FfmLibc.O_RDONLY | FfmLibc.O_CLOEXEC, 0));
            }
            if (paths.containsKey(Namespace.MOUNT)) {
                FfmLibc.call("unshare", "CLONE_FS",
                        (arena, state) -> unshare.FUNCTION.invoke(state, CLONE_FS));
            }
            for (int i = 0; i < ordered.size(); i++) {
                int fd = fds.get(i);
                int type = ordered.get(i).getKey().cloneFlag();
                FfmLibc.call("setns", ordered.get(i).getValue(),
                        (arena, state) -> setns.FUNCTION.invoke(state, fd, type));
            }
        } finally {
            fds.forEach(FfmLibc::close);
        }
    }
}
