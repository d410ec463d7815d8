package io.jrunc.domain.config;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * linux.uidMappings and gidMappings as the kernel takes them in uid_map and gid_map, checked before anything is
 * made: at most 340 ranges, none of size 0, none reaching id 4294967295 (which is no id, (uid_t) -1) on either
 * side, none overlapping another on either side; and, for a user namespace new or joined with mappings given, a
 * range for the container's root (runc's words) and for the owner of every device node the runtime makes.
 */
final class IdMappingChecks {
    /** The kernel's UID_GID_MAP_MAX_EXTENTS. */
    static final int MAX_RANGES = 340;
    /** The first id past the last valid one: (uid_t) -1 is no id. */
    static final long ID_LIMIT = 0xffffffffL;

    private IdMappingChecks() {
    }

    static void ranges(String path, List<IdMapping> mappings, List<ConfigError> errors) {
        if (mappings.size() > MAX_RANGES) {
            errors.add(new ConfigError(path, "at most " + MAX_RANGES + " ranges, got " + mappings.size()));
        }
        for (int i = 0; i < mappings.size(); i++) {
            IdMapping m = mappings.get(i);
            String at = path + "[" + i + "]";
            if (m.size() == 0) {
                errors.add(new ConfigError(at + ".size", "must be greater than zero"));
                continue;
            }
            endsInRange(at + ".containerID", m.containerID(), m.size(), errors);
            endsInRange(at + ".hostID", m.hostID(), m.size(), errors);
            for (int j = 0; j < i; j++) {
                IdMapping other = mappings.get(j);
                if (other.size() == 0) {
                    continue;
                }
                if (overlap(m, other, IdMapping::containerID)) {
                    errors.add(new ConfigError(at + ".containerID", "range overlaps " + path + "[" + j + "]"));
                }
                if (overlap(m, other, IdMapping::hostID)) {
                    errors.add(new ConfigError(at + ".hostID", "range overlaps " + path + "[" + j + "]"));
                }
            }
        }
    }

    /** runc's checks of a user namespace's mappings: its root must be mapped, uid and gid. */
    static void root(Linux linux, List<ConfigError> errors) {
        if (!linux.uidMappings().isEmpty() && !maps(linux.uidMappings(), 0)) {
            errors.add(new ConfigError("linux.uidMappings", "User namespaces enabled, but no user mapping found."));
        }
        if (!linux.gidMappings().isEmpty() && !maps(linux.gidMappings(), 0)) {
            errors.add(new ConfigError("linux.gidMappings", "User namespaces enabled, but no group mapping found."));
        }
        for (int i = 0; i < linux.devices().size(); i++) {
            Device d = linux.devices().get(i);
            if (d.uid().isPresent() && !linux.uidMappings().isEmpty() && !maps(linux.uidMappings(), d.uid().getAsLong())) {
                errors.add(new ConfigError("linux.devices[" + i + "].uid", "is not mapped in the user namespace"));
            }
            if (d.gid().isPresent() && !linux.gidMappings().isEmpty() && !maps(linux.gidMappings(), d.gid().getAsLong())) {
                errors.add(new ConfigError("linux.devices[" + i + "].gid", "is not mapped in the user namespace"));
            }
        }
    }

    private static void endsInRange(String path, long first, long size, List<ConfigError> errors) {
        if (first < 0 || size < 0 || first + size > ID_LIMIT) {
            errors.add(new ConfigError(path, "range " + first + "+" + size + " goes past the last id, "
                    + (ID_LIMIT - 1)));
        }
    }

    private static boolean overlap(IdMapping a, IdMapping b, ToLongFunction<IdMapping> first) {
        long a0 = first.applyAsLong(a);
        long b0 = first.applyAsLong(b);
        return a0 < b0 + b.size() && b0 < a0 + a.size();
    }

    private static boolean maps(List<IdMapping> mappings, long id) {
        return mappings.stream().anyMatch(m -> id >= m.containerID() && id - m.containerID() < m.size());
    }
}
