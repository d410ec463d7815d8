package io.jrunc.cli.systemd;

import java.util.Objects;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** One {@code (ss)} of a unit's DeviceAllow: a device path, group or glob, and its access ("rwm" letters). */
public final class DeviceAllowEntry extends Struct {
    @Position(0)
    public final String path;
    @Position(1)
    public final String access;

    public DeviceAllowEntry(String path, String access) {
        this.path = Objects.requireNonNull(path, "path");
        this.access = Objects.requireNonNull(access, "access");
    }
}
