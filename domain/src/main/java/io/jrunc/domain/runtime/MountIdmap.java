package io.jrunc.domain.runtime;

import java.util.Objects;

/**
 * The id mapping of a bind mount (mounts[].uidMappings and gidMappings, options {@code idmap} and {@code ridmap}):
 * the kernel takes it as a user namespace whose uid_map and gid_map are these ranges, which the runtime makes
 * for the purpose before the init runs (docs/architecture.md, "User namespaces").
 *
 * @param mappings  the ranges, "container host size" as a user namespace takes them: a file the filesystem says
 *                  is owned by container id C shows as owned by host id H through the mount
 * @param recursive ridmap: the submounts an rbind brings along are mapped too
 * @param field     the config's field, for errors ("mounts[3]")
 * @param usernsFd  that user namespace's fd once made for this create; -1 in a plan not yet run
 */
public record MountIdmap(IdMappings mappings, boolean recursive, String field, int usernsFd) {
    public MountIdmap {
        Objects.requireNonNull(mappings, "mappings");
        Objects.requireNonNull(field, "field");
    }

    public MountIdmap withUsernsFd(int fd) {
        return new MountIdmap(mappings, recursive, field, fd);
    }
}
