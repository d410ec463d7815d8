package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/** rdma cgroup limits (uint32) for one device. */
public record Rdma(OptionalLong hcaHandles, OptionalLong hcaObjects) {
    public Rdma {
        requireNonNull(hcaHandles, "hcaHandles");
        requireNonNull(hcaObjects, "hcaObjects");
    }
}
