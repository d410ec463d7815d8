package io.jrunc.domain.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The uid= and gid= options of the filesystems the runtime mounts for a container with a user namespace of its
 * own. The kernel reads them in the mounting thread's user namespace, the host's, while the config means the
 * container's ids (devpts' gid=5 is the container's tty group): they are given as the host ids those map to.
 */
final class MountOwners {
    /** The filesystems that read uid=/gid= through the mounter's user namespace. */
    private static final Set<String> OWNED = Set.of("tmpfs", "devpts");

    private MountOwners() {
    }

    static List<MountSpec> mapped(List<MountSpec> mounts, IdMappings ids) {
        if (ids.equals(IdMappings.NONE)) {
            return mounts;
        }
        List<MountSpec> out = new ArrayList<>();
        for (MountSpec m : mounts) {
            out.add(OWNED.contains(m.type()) && !m.isBind() ? m.withData(data(m.data(), ids)) : m);
        }
        return out;
    }

    private static String data(String data, IdMappings ids) {
        if (data.isEmpty()) {
            return data;
        }
        List<String> options = new ArrayList<>();
        for (String option : data.split(",", -1)) {
            options.add(option(option, "uid=", true, ids).orElse(option(option, "gid=", false, ids).orElse(option)));
        }
        return String.join(",", options);
    }

    private static java.util.Optional<String> option(String option, String key, boolean uid, IdMappings ids) {
        if (!option.startsWith(key)) {
            return java.util.Optional.empty();
        }
        long id;
        try {
            id = Long.parseLong(option.substring(key.length()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty(); // the kernel's to refuse
        }
        var host = uid ? ids.hostUid(id) : ids.hostGid(id);
        // An id no range maps is left as written (runc, mounting inside the namespace, gets EINVAL for it).
        return java.util.Optional.of(host.isPresent() ? key + host.getAsLong() : option);
    }
}
