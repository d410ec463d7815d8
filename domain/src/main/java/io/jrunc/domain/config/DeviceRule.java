package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A device-cgroup allow/deny rule (linux.resources.devices). An absent type, major or minor matches all;
 * {@code access} is some of "rwm".
 */
public record DeviceRule(boolean allow, Optional<DeviceCgroupType> type, OptionalLong major, OptionalLong minor,
                         Optional<String> access) {
    public DeviceRule {
        requireNonNull(type, "type");
        requireNonNull(major, "major");
        requireNonNull(minor, "minor");
        requireNonNull(access, "access");
    }

    /** runc's default first rule: deny everything, then allow what follows. */
    public static DeviceRule denyAll() {
        return new DeviceRule(false, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.of("rwm"));
    }
}
