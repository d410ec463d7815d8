package io.jrunc.cli.systemd;

import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** An auxiliary unit ({@code (sa(sv))}) started with a transient one; jrunc never sends any. */
public final class AuxUnit extends Struct {
    @Position(0)
    public final String name;
    @Position(1)
    public final List<UnitProperty> properties;

    public AuxUnit(String name, List<UnitProperty> properties) {
        this.name = name;
        this.properties = properties;
    }
}
