package io.jrunc.domain.init;

import io.jrunc.domain.paths.LexicalPath;
import java.util.List;

/**
 * Joins a container path to the host path of its root so that no ".." climbs out of the root. Lexical
 * only: symlinks inside the rootfs are resolved by the adapters, which open paths beneath the root.
 */
public final class RootPaths {
    private RootPaths() {
    }

    public static String join(String root, String path) {
        List<String> parts = LexicalPath.segments(path);
        String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return parts.isEmpty() ? (base.isEmpty() ? "/" : base) : base + "/" + String.join("/", parts);
    }
}
