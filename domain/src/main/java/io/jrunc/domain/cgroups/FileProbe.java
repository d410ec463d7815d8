package io.jrunc.domain.cgroups;

import java.util.Optional;

/** Reads a file of the container's cgroup, by controller: empty when the host does not offer it. */
@FunctionalInterface
interface FileProbe {
    Optional<String> read(String controller, String file);

    default boolean has(String controller, String file) {
        return read(controller, file).isPresent();
    }
}
