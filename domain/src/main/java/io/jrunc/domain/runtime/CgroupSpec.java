package io.jrunc.domain.runtime;

import io.jrunc.domain.config.Device;
import io.jrunc.domain.config.Resources;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the container's cgroup is made from: {@code linux.cgroupsPath}, {@code linux.resources} (empty when
 * the config has none: the cgroup is made all the same, as runc makes it) and {@code linux.devices}, whose
 * nodes the device cgroup must allow.
 */
public record CgroupSpec(Optional<String> path, Resources resources, List<Device> devices) {
    public static final CgroupSpec NONE = new CgroupSpec(Optional.empty(), Resources.builder().build(), List.of());

    public CgroupSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(resources, "resources");
        devices = List.copyOf(devices);
    }
}
