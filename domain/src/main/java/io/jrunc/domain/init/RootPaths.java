package io.jrunc.domain.init;

import io.jrunc.ports.Filesystem;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Container paths on the host, under the container's root: no ".." and no symbolic link leaves it. */
public final class RootPaths {
    /** As Linux's limit on the links one lookup follows (MAXSYMLINKS). */
    static final int MAX_LINKS = 40;

    private RootPaths() {
    }

    /**
     * The host path of {@code path} under {@code root} with every symbolic link on the way resolved as the
     * container will see it: an absolute link starts again at the root, ".." stops at the root. A mount
     * destination, a device node or a /dev link that the image routes through a link ("/data -> /etc") so
     * lands inside the root, never on the host's own path (what runc's securejoin is for; CVE-2021-30465 is of
     * this class). What does not exist yet is taken as it is: it is made later, as directories. The tree is read
     * as it is now; while the rootfs is built, nothing of the container's runs yet.
     */
    static String resolve(Filesystem fs, String root, String path) {
        String base = base(root);
        Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
        Deque<String> resolved = new ArrayDeque<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                resolved.pollLast();
                continue;
            }
            resolved.addLast(part);
            Optional<String> target = fs.readlink(base + "/" + String.join("/", resolved));
            if (target.isEmpty()) {
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new SyscallException("resolve", Errno.ELOOP, path + " under " + root);
            }
            resolved.pollLast();
            if (target.get().startsWith("/")) {
                resolved.clear();
            }
            String[] parts = target.get().split("/");
            for (int i = parts.length - 1; i >= 0; i--) {
                pending.addFirst(parts[i]);
            }
        }
        return resolved.isEmpty() ? (base.isEmpty() ? "/" : base) : base + "/" + String.join("/", resolved);
    }

    /** Whether any component of the absolute {@code path} is a symbolic link. */
    public static boolean passesThroughLink(Filesystem fs, String path) {
        StringBuilder prefix = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            prefix.append('/').append(part);
            if (fs.readlink(prefix.toString()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The container's path of {@code hostPath}, a path {@link #resolve} gave under {@code root}. */
    static String inContainer(String root, String hostPath) {
        String base = base(root);
        if (hostPath.equals(base.isEmpty() ? "/" : base)) {
            return "/";
        }
        if (!hostPath.startsWith(base + "/")) {
            throw new IllegalArgumentException(hostPath + " is not under " + root);
        }
        return hostPath.substring(base.length());
    }

    private static String base(String root) {
        return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }
}
