package io.jrunc.cli.systemd;

import io.jrunc.domain.cgroups.DeviceRules;
import io.jrunc.domain.config.DeviceCgroupType;
import io.jrunc.domain.config.DeviceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.freedesktop.dbus.types.Variant;

/**
 * A container's device rules as unit properties, as runc sends them: systemd re-applies a unit's properties
 * (on daemon-reload, say), and a unit that says nothing of devices may have its device cgroup opened up or
 * reset. So the unit gets DevicePolicy=strict and a DeviceAllow made from the rules in force; the cgroupfs
 * writes still follow, and enforce what systemd cannot express.
 *
 * <p>DeviceAllow forms: a device is {@code /dev/char/M:m} or {@code /dev/block/M:m}; every minor of a major is
 * {@code char-M} (systemd v240 and later) or the major's group from /proc/devices ({@code char-pts}); every
 * device of a type is {@code char-*}. A rule on one minor of every major has no form and is left to cgroupfs.
 */
final class DeviceProperties {
    /** systemd understands "char-MAJOR" since v240; before, only the /proc/devices group names. */
    static final int MAJOR_FORM_SINCE = 240;
    static final String DEVICE_POLICY = "DevicePolicy";
    static final String DEVICE_ALLOW = "DeviceAllow";
    private static final String ALLOW_SIGNATURE = "a(ss)";

    private final int systemdVersion;
    private final Supplier<String> procDevices;
    private final Consumer<String> warnings;
    private String procDevicesText;

    private DeviceProperties(int systemdVersion, Supplier<String> procDevices, Consumer<String> warnings) {
        this.systemdVersion = systemdVersion;
        this.procDevices = procDevices;
        this.warnings = warnings;
    }

    /**
     * The properties for the rules; none at all for an empty list (runc's SkipDevices: a cgroup whose devices
     * jrunc leaves alone, as an update that changes no device rule does).
     *
     * @param systemdVersion as {@link SystemdBus#version()} reads it; -1 when unknown (then the old forms)
     * @param procDevices    the text of /proc/devices, read only if a rule needs a group name
     */
    static List<UnitProperty> of(List<DeviceRule> rules, int systemdVersion, Supplier<String> procDevices,
                                 Consumer<String> warnings) {
        if (rules.isEmpty()) {
            return List.of();
        }
        return new DeviceProperties(systemdVersion, procDevices, warnings).translate(DeviceRules.effective(rules));
    }

    private List<UnitProperty> translate(DeviceRules.Effective effective) {
        if (effective.allowsEverything()) {
            // "auto" with no entries is systemd's "every device".
            return List.of(policy("auto"), allow(List.of()));
        }
        if (effective.defaultAllow()) {
            warnings.accept("systemd doesn't support blacklist device rules -- applying temporary deny-all rule");
            return List.of(policy("strict"), allow(List.of()));
        }
        List<DeviceAllowEntry> entries = new ArrayList<>();
        for (DeviceRule rule : effective.exceptions()) {
            entry(rule).ifPresent(entries::add);
        }
        // The empty list first: systemd appends a non-empty DeviceAllow to what the unit has, and clears it on
        // an empty one, so an update replaces the old entries rather than adding to them.
        return List.of(policy("strict"), allow(List.of()), allow(entries));
    }

    private Optional<DeviceAllowEntry> entry(DeviceRule rule) {
        boolean block = rule.type().orElseThrow() == DeviceCgroupType.BLOCK;
        String access = rule.access().orElseThrow();
        if (rule.major().isEmpty()) {
            if (rule.minor().isPresent()) {
                warnings.accept("systemd doesn't support '*:n' device rules -- temporarily ignoring rule: "
                        + line(rule));
                return Optional.empty();
            }
            return Optional.of(new DeviceAllowEntry(DeviceGroups.prefix(block) + "*", access));
        }
        long major = rule.major().getAsLong();
        if (rule.minor().isPresent()) {
            String path = (block ? "/dev/block/" : "/dev/char/") + major + ":" + rule.minor().getAsLong();
            return Optional.of(new DeviceAllowEntry(path, access));
        }
        if (systemdVersion >= MAJOR_FORM_SINCE) {
            return Optional.of(new DeviceAllowEntry(DeviceGroups.prefix(block) + major, access));
        }
        Optional<String> group = DeviceGroups.find(procDevices(), block, major);
        if (group.isEmpty()) {
            warnings.accept("could not find device group for '" + (block ? "b" : "c") + "/" + major
                    + "' in /proc/devices -- temporarily ignoring rule: " + line(rule));
        }
        return group.map(g -> new DeviceAllowEntry(g, access));
    }

    private String procDevices() {
        if (procDevicesText == null) {
            try {
                procDevicesText = procDevices.get();
            } catch (RuntimeException e) {
                throw new SystemdException("unable to read /proc/devices for the unit's DeviceAllow: "
                        + e.getMessage(), e);
            }
        }
        return procDevicesText;
    }

    private static String line(DeviceRule rule) {
        return rule.type().orElseThrow().spec() + " " + number(rule.major().isPresent(), rule.major().orElse(0))
                + ":" + number(rule.minor().isPresent(), rule.minor().orElse(0)) + " " + rule.access().orElseThrow();
    }

    private static String number(boolean present, long value) {
        return present ? Long.toString(value) : "*";
    }

    private static UnitProperty policy(String value) {
        return new UnitProperty(DEVICE_POLICY, new Variant<>(value));
    }

    private static UnitProperty allow(List<DeviceAllowEntry> entries) {
        return new UnitProperty(DEVICE_ALLOW, new Variant<>(entries, ALLOW_SIGNATURE));
    }
}
