package io.jrunc.cli.systemd;

import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.container.ContainerId;
import java.util.Optional;

/**
 * The systemd unit a container's cgroup is, read from {@code linux.cgroupsPath} in runc's systemd form
 * {@code slice:prefix:name}: a scope {@code <prefix>-<name>.scope} in the slice, or, when the name ends in
 * {@code .slice}, that slice itself. Without a cgroupsPath the container gets {@code system.slice:jrunc:<id>}
 * (runc says "runc"; ours differs so that a runc container and a jrunc container of the same id, kept under
 * different state roots, never fight over one unit).
 *
 * @param parent     the slice the unit goes in ({@code Slice=} of a scope, {@code Wants=} of a slice)
 * @param name       the unit's name, e.g. {@code jrunc-web.scope}
 * @param cgroupPath where systemd puts it in every hierarchy, e.g. {@code /system.slice/jrunc-web.scope}
 * @param container  the name part of cgroupsPath (the id by default), for the unit's description
 */
public record SystemdUnit(String parent, String name, String cgroupPath, String container) {
    static final String FIELD = "linux.cgroupsPath";
    static final String DEFAULT_SLICE = "system.slice";
    static final String DEFAULT_PREFIX = "jrunc";
    private static final String SLICE = ".slice";

    public static SystemdUnit of(ContainerId id, Optional<String> cgroupsPath) {
        String path = cgroupsPath.orElse("");
        if (path.isEmpty()) {
            return of(DEFAULT_SLICE, DEFAULT_PREFIX, id.value());
        }
        String[] parts = path.split(":", -1);
        if (parts.length != 3) {
            throw new CgroupError(FIELD, "expected cgroupsPath to be of format \"slice:prefix:name\" for systemd "
                    + "cgroups, got \"" + path + "\" instead");
        }
        return of(parts[0].isEmpty() ? DEFAULT_SLICE : parts[0], parts[1], parts[2]);
    }

    private static SystemdUnit of(String parent, String prefix, String name) {
        if (name.isEmpty() || name.contains("/") || prefix.contains("/")) {
            throw new CgroupError(FIELD, "invalid unit name \"" + prefix + "-" + name + "\": a systemd unit "
                    + "name needs a name and holds no \"/\"");
        }
        String unit = name.endsWith(SLICE) ? name : prefix + "-" + name + ".scope";
        String parentPath = expandSlice(parent);
        return new SystemdUnit(parent, unit, (parentPath.equals("/") ? "" : parentPath) + "/" + unit, name);
    }

    /** "jrunc container web", as runc describes its units ("libcontainer container web"). */
    public String description() {
        return "jrunc container " + container;
    }

    /** The unit is a slice (a group for other containers' scopes), not a scope holding processes. */
    public boolean isSlice() {
        return name.endsWith(SLICE);
    }

    /**
     * Where a slice sits in the cgroup tree: systemd nests slices by the dashes in their names, so
     * {@code a-b-c.slice} is {@code /a.slice/a-b.slice/a-b-c.slice}; {@code -.slice} is the root.
     */
    static String expandSlice(String slice) {
        if (slice.length() <= SLICE.length() || !slice.endsWith(SLICE) || slice.contains("/")) {
            throw invalidSlice(slice);
        }
        String stem = slice.substring(0, slice.length() - SLICE.length());
        if (stem.equals("-")) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        StringBuilder prefix = new StringBuilder();
        for (String component : stem.split("-", -1)) {
            if (component.isEmpty()) {
                throw invalidSlice(slice);
            }
            path.append('/').append(prefix).append(component).append(SLICE);
            prefix.append(component).append('-');
        }
        return path.toString();
    }

    private static CgroupError invalidSlice(String slice) {
        return new CgroupError(FIELD, "invalid slice name: " + slice);
    }
}
