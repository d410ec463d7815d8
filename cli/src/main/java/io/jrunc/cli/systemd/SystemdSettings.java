package io.jrunc.cli.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where systemd is, how long to wait for it, and what the driver reads of the host or tells the user.
 *
 * @param busAddress      the D-Bus address of the system bus
 * @param bootedMarker    the directory that exists when systemd is PID 1 (sd_booted(3): /run/systemd/system)
 * @param jobTimeout      how long a unit's start or stop job may take; runc waits 30 seconds
 * @param procDevices     the text of /proc/devices (device group names for DeviceAllow on old systemd)
 * @param warnings        where a rule systemd cannot take is reported (runc logs a warning and goes on)
 */
public record SystemdSettings(String busAddress, Path bootedMarker, Duration jobTimeout,
                              Supplier<String> procDevices, Consumer<String> warnings) {
    static final String SYSTEM_BUS = "unix:path=/run/dbus/system_bus_socket";
    static final Path PROC_DEVICES = Path.of("/proc/devices");

    /** The host's /proc/devices, and warnings nobody hears. */
    public SystemdSettings(String busAddress, Path bootedMarker, Duration jobTimeout) {
        this(busAddress, bootedMarker, jobTimeout, SystemdSettings::hostProcDevices, message -> { });
    }

    /** The host's systemd: the system bus, or $DBUS_SYSTEM_BUS_ADDRESS as sd-bus and godbus honour it. */
    public static SystemdSettings host(Map<String, String> environment, Consumer<String> warnings) {
        String address = environment.getOrDefault("DBUS_SYSTEM_BUS_ADDRESS", "");
        return new SystemdSettings(address.isEmpty() ? SYSTEM_BUS : address, Path.of("/run/systemd/system"),
                Duration.ofSeconds(30), SystemdSettings::hostProcDevices, warnings);
    }

    SystemdSettings withProcDevices(String text) {
        return new SystemdSettings(busAddress, bootedMarker, jobTimeout, () -> text, warnings);
    }

    SystemdSettings withWarnings(Consumer<String> to) {
        return new SystemdSettings(busAddress, bootedMarker, jobTimeout, procDevices, to);
    }

    private static String hostProcDevices() {
        try {
            return Files.readString(PROC_DEVICES);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + PROC_DEVICES + ": " + e.getMessage(), e);
        }
    }
}
