package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** A device node to create in the container (config-linux.md "Devices"); uid/gid are uint32. */
public record Device(DeviceType type, String path, long major, long minor, OptionalInt fileMode,
                     OptionalLong uid, OptionalLong gid) {
    public Device {
        requireNonNull(type, "type");
        requireNonNull(path, "path");
        requireNonNull(fileMode, "fileMode");
        requireNonNull(uid, "uid");
        requireNonNull(gid, "gid");
    }
}
