package io.jrunc.cli.systemd;

import java.util.Objects;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.Variant;

/** One {@code (sv)} of a unit's properties, as StartTransientUnit and SetUnitProperties take them. */
public final class UnitProperty extends Struct {
    @Position(0)
    public final String name;
    @Position(1)
    public final Variant<?> value;

    public UnitProperty(String name, Variant<?> value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    public String name() {
        return name;
    }

    public Variant<?> value() {
        return value;
    }
}
