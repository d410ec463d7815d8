package io.jrunc.cli.systemd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where systemd is and how long to wait for it.
 *
 * @param busAddress      the D-Bus address of the system bus
 * @param bootedMarker    the directory that exists when systemd is PID 1 (sd_booted(3): /run/systemd/system)
 * @param jobTimeout      how long a unit's start or stop job may take; runc waits 30 seconds
 */
public record SystemdSettings(String busAddress, Path bootedMarker, Duration jobTimeout) {
    static final String SYSTEM_BUS = "unix:path=/run/dbus/system_bus_socket";

    /** The host's systemd: the system bus, or $DBUS_SYSTEM_BUS_ADDRESS as sd-bus and godbus honour it. */
    public static SystemdSettings host(Map<String, String> environment) {
        String address = environment.getOrDefault("DBUS_SYSTEM_BUS_ADDRESS", "");
        return new SystemdSettings(address.isEmpty() ? SYSTEM_BUS : address, Path.of("/run/systemd/system"),
                Duration.ofSeconds(30));
    }
}
