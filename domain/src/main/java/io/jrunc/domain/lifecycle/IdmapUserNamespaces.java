package io.jrunc.domain.lifecycle;

import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.IdMappings;
import io.jrunc.domain.runtime.MountIdmap;
import io.jrunc.domain.runtime.MountSpec;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.model.SyscallException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user namespaces of a create's id-mapped mounts, one per distinct mapping, held by fds from before the init
 * thread enters the container's namespaces until the create ends (docs/architecture.md, "User namespaces"). The
 * fds are close-on-exec and never named to a spawn: none reaches the container.
 */
final class IdmapUserNamespaces implements AutoCloseable {
    /** Makes a user namespace whose uid_map and gid_map are {@code mappings}; returns an fd of it. */
    @FunctionalInterface
    interface Maker {
        int make(IdMappings mappings);
    }

    static final IdmapUserNamespaces NONE = new IdmapUserNamespaces(null);

    private final FileDescriptors fds;
    private final Map<IdMappings, Integer> made = new LinkedHashMap<>();

    private IdmapUserNamespaces(FileDescriptors fds) {
        this.fds = fds;
    }

    /** Whether {@code config} has an id-mapped mount at all. */
    static boolean needed(ContainerConfig config) {
        return config.rootfs().mounts().stream().anyMatch(m -> m.idmap().isPresent());
    }

    /**
     * One user namespace per distinct mapping of {@code config}'s id-mapped mounts; on failure, those made so far
     * are closed before the exception leaves.
     */
    static IdmapUserNamespaces make(ContainerConfig config, Maker maker, FileDescriptors fds) {
        if (!needed(config)) {
            return NONE;
        }
        IdmapUserNamespaces namespaces = new IdmapUserNamespaces(fds);
        try {
            for (MountSpec m : config.rootfs().mounts()) {
                for (MountIdmap idmap : m.idmap().stream().toList()) {
                    if (!namespaces.made.containsKey(idmap.mappings())) {
                        namespaces.made.put(idmap.mappings(), maker.make(idmap.mappings()));
                    }
                }
            }
            return namespaces;
        } catch (RuntimeException | Error e) {
            namespaces.close();
            throw e;
        }
    }

    /** {@code plan} with each id-mapped bind's user namespace fd. */
    InitPlan applyTo(InitPlan plan) {
        if (made.isEmpty()) {
            return plan;
        }
        return plan.withIdmapUserNamespaces(mappings -> {
            Integer fd = made.get(mappings);
            if (fd == null) {
                throw new IllegalStateException("no user namespace was made for the mapping " + mappings);
            }
            return fd;
        });
    }

    @Override
    public void close() {
        for (int fd : made.values()) {
            try {
                fds.close(fd);
            } catch (SyscallException e) {
                // Our own fd: nothing to do about a failed close.
            }
        }
        made.clear();
    }
}
