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

    // runc validate.mountsStrict: an id-mapped mount needs both maps, since mount_setattr takes one userns fd.
    static void idMappings(Spec spec, List<ConfigError> errors) {
        for (int i = 0; i < spec.mounts().size(); i++) {
            Mount mount = spec.mounts().get(i);
            if (mount.uidMappings().isEmpty() != mount.gidMappings().isEmpty()) {
                errors.add(new ConfigError("mounts[" + i + "]",
                        "id-mapped mounts need both uidMappings and gidMappings"));
            }
        }
    }
}
