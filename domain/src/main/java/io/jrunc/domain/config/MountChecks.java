package io.jrunc.domain.config;

import java.util.List;

/** Checks on {@code mounts}. */
final class MountChecks {
    private MountChecks() {}

    // config.md "Mounts": on Linux, destination MUST be absolute. runc 1.1 only warns; see SpecValidator.
    static void destinations(Spec spec, List<ConfigError> errors) {
        for (int i = 0; i < spec.mounts().size(); i++) {
            String destination = spec.mounts().get(i).destination();
            if (!destination.startsWith("/")) {
                errors.add(new ConfigError("mounts[" + i + "].destination",
                        "must be an absolute path, got \"" + destination + "\""));
            }
        }
    }

    /**
     * An id-mapped mount (mappings, or option idmap/ridmap, runtime-spec 1.2) as runc 1.2's checkIDMapMounts
     * takes it, and its ranges as the kernel takes a uid_map: before anything is made.
     */
    static void idMappings(Spec spec, List<ConfigError> errors) {
        boolean containerMappings = spec.linux().map(l -> !l.uidMappings().isEmpty() && !l.gidMappings().isEmpty())
                .orElse(false);
        for (int i = 0; i < spec.mounts().size(); i++) {
            Mount mount = spec.mounts().get(i);
            String field = "mounts[" + i + "]";
            boolean mapped = !mount.uidMappings().isEmpty() || !mount.gidMappings().isEmpty();
            if (!mapped && !idmapOption(mount)) {
                continue;
            }
            // mount_setattr takes one user namespace, whose maps are both.
            if (mount.uidMappings().isEmpty() != mount.gidMappings().isEmpty()) {
                errors.add(new ConfigError(field, "id-mapped mounts need both uidMappings and gidMappings"));
            }
            if (!isBind(mount)) {
                errors.add(new ConfigError(field, "id-mapped mounts are only supported for bind-mounts"));
            }
            if (!mapped && !containerMappings) {
                // Without mappings of its own the mount takes the container's user namespace's (runtime-spec 1.2).
                errors.add(new ConfigError(field + ".options", "idmap without uidMappings and gidMappings takes the "
                        + "container's user namespace mappings, and there are none"));
            }
            IdMappingChecks.ranges(field + ".uidMappings", mount.uidMappings(), errors);
            IdMappingChecks.ranges(field + ".gidMappings", mount.gidMappings(), errors);
        }
    }

    private static boolean idmapOption(Mount mount) {
        return mount.options().contains("idmap") || mount.options().contains("ridmap");
    }

    /** As runc's specconv reads it: type "bind" or a bind/rbind option. */
    private static boolean isBind(Mount mount) {
        return mount.type().filter("bind"::equals).isPresent() || mount.options().contains("bind")
                || mount.options().contains("rbind");
    }
}
