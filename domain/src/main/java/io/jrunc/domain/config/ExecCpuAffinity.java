package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * CPU affinity for {@code runc exec}: {@code initial} applies while the runtime joins the container,
 * {@code finalAffinity} (config.json {@code final}) to the process after it is in the cgroup. cpuset list syntax.
 */
public record ExecCpuAffinity(Optional<String> initial, Optional<String> finalAffinity) {
    public ExecCpuAffinity {
        requireNonNull(initial, "initial");
        requireNonNull(finalAffinity, "finalAffinity");
    }
}
