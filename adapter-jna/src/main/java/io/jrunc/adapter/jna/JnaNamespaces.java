package io.jrunc.adapter.jna;

import io.jrunc.ports.Namespaces;
import io.jrunc.ports.model.Namespace;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

/** unshare(2) and setns(2): they change the calling thread only. */
final class JnaNamespaces implements Namespaces {
    /** The fs_struct (root, cwd, umask) that every thread of a JVM shares until it unshares it. */
    static final int CLONE_FS = 0x00000200;

    @Override
    public void unshare(Set<Namespace> namespaces) {
        // CLONE_FS too, as the FFM backend does: the kernel adds it for a new mount namespace anyway, and
        // with it the chdir, chroot and umask that follow change this thread alone, not the whole JVM.
        int flags = Namespace.cloneFlags(namespaces) | CLONE_FS;
        JnaCheck.call("unshare", names(namespaces), () -> INSTANCE.unshare(flags));
    }

    @Override
    public int openNamespace(String path) {
        return JnaFileIo.open(path, JnaLibc.O_RDONLY | JnaLibc.O_CLOEXEC, 0);
    }

    @Override
    public void setns(String path, Namespace type) {
        if (type == Namespace.MOUNT) {
            // The kernel refuses setns(CLONE_NEWNS) to a thread that shares its fs_struct, and in a JVM
            // every thread does.
            unshareFs();
        }
        int fd = JnaFileIo.open(path, JnaLibc.O_RDONLY, 0);
        try {
            JnaCheck.call("setns", path, () -> INSTANCE.setns(fd, type.cloneFlag()));
        } finally {
            JnaFileIo.closeQuietly(fd);
        }
    }

    /**
     * Joins the given namespaces and creates the new ones, for a spawn. The files are all opened first,
     * because joining a mount namespace changes what the later paths name; the user namespace is joined
     * first, so the others are joined with the privileges it gives.
     */
    void enter(Map<Namespace, String> join, Set<Namespace> create) {
        List<Map.Entry<Namespace, String>> order = new ArrayList<>(join.entrySet());
        order.sort(Map.Entry.comparingByKey(Namespace.JOIN_ORDER));
        List<Integer> fds = new ArrayList<>();
        try {
            for (Map.Entry<Namespace, String> entry : order) {
                fds.add(JnaFileIo.open(entry.getValue(), JnaLibc.O_RDONLY, 0));
            }
            unshareFs();
            for (int i = 0; i < order.size(); i++) {
                int fd = fds.get(i);
                Namespace type = order.get(i).getKey();
                JnaCheck.call("setns", order.get(i).getValue(), () -> INSTANCE.setns(fd, type.cloneFlag()));
            }
        } finally {
            fds.forEach(JnaFileIo::closeQuietly);
        }
        if (!create.isEmpty()) {
            unshare(create);
        }
    }

    private static void unshareFs() {
        JnaCheck.call("unshare", "CLONE_FS", () -> INSTANCE.unshare(CLONE_FS));
    }

    private static String names(Set<Namespace> namespaces) {
        Set<Namespace> sorted = namespaces.isEmpty() ? Set.of() : EnumSet.copyOf(namespaces);
        StringBuilder text = new StringBuilder();
        for (Namespace n : sorted) {
            text.append(text.length() == 0 ? "" : ",").append(n.procName());
        }
        return text.toString();
    }
}
