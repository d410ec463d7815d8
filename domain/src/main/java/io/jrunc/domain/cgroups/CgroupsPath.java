package io.jrunc.domain.cgroups;

import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.paths.LexicalPath;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code linux.cgroupsPath} as the cgroupfs driver reads it (runc's fs managers): absolute is taken as is
 * under each hierarchy's root, relative is under the runtime's own cgroup, and absent is the container id,
 * relative. The path is cleaned as runc's {@code CleanPath} does, so {@code ..} never climbs out of the root.
 */
final class CgroupsPath {
    static final String FIELD = "linux.cgroupsPath";
    private static final Pattern SYSTEMD_STYLE = Pattern.compile("[^/:]*:[^/:]*:[^/:]*");

    private CgroupsPath() {
    }

    /** The cleaned inner path: starts with "/" when absolute. */
    static String inner(Optional<String> cgroupsPath, ContainerId id) {
        String raw = cgroupsPath.filter(p -> !p.isBlank()).orElse(id.value());
        if (SYSTEMD_STYLE.matcher(raw).matches()) {
            throw new CgroupError(FIELD, "\"" + raw + "\" is a systemd cgroup path (slice:prefix:name), which needs"
                    + " --systemd-cgroup; the cgroupfs driver takes a directory path");
        }
        String cleaned = clean(raw);
        if (cleaned.equals("/") || cleaned.isEmpty()) {
            throw new CgroupError(FIELD, "\"" + raw + "\" names the root cgroup, which a container cannot own");
        }
        return cleaned;
    }

    /** Lexical cleaning; a relative path is cleaned as if rooted, so it cannot escape with "..". */
    static String clean(String path) {
        boolean absolute = path.startsWith("/");
        List<String> parts = LexicalPath.segments(path);
        String joined = String.join("/", parts);
        return absolute ? "/" + joined : joined;
    }

    static String join(String base, String inner) {
        String b = clean("/" + base);
        return b.equals("/") ? "/" + inner : b + "/" + inner;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Where a hierarchy puts the container: absolute as is, relative under {@code own}. */
    static String resolve(String inner, String own) {
        return inner.startsWith("/") ? inner : join(own, inner);
    }
}
