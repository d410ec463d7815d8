package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** set_mempolicy(2) for the container process; {@code nodes} uses cpuset list syntax ("0-3,7"). */
public record MemoryPolicy(MemoryPolicyMode mode, String nodes, List<MemoryPolicyFlag> flags) {
    public MemoryPolicy {
        requireNonNull(mode, "mode");
        requireNonNull(nodes, "nodes");
        flags = Copies.list(flags);
    }
}
