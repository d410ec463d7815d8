package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.Device;
import io.jrunc.domain.config.DeviceCgroupType;
import io.jrunc.domain.config.DeviceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** The device rules a container's cgroup enforces, and their cgroup v1 form. */
public final class DeviceRules {
    private DeviceRules() {
    }

    /**
     * The ordered rules a container gets, as runc's specconv orders them: the spec's
     * {@code linux.resources.devices} first, then the rules every container gets (mknod of any char or block
     * device, rwm on /dev/null, random, full, tty, zero, urandom, the pts slaves 136:* and /dev/ptmx 5:2).
     *
     * <p>A {@code linux.devices} entry with the same path as one of those devices takes its place: runc drops
     * that default rule and adds none for the entry, so access to the config's own devices is only what
     * {@code linux.resources.devices} grants. Being appended, the defaults cannot be taken away by the spec.
     */
    public static List<DeviceRule> forContainer(List<DeviceRule> specRules, List<Device> linuxDevices) {
        Set<String> configured = linuxDevices.stream().map(Device::path).collect(Collectors.toSet());
        List<DeviceRule> rules = new ArrayList<>(specRules);
        for (DefaultDevice device : DefaultDevice.ALWAYS_ALLOWED) {
            if (device.path().isEmpty() || !configured.contains(device.path().get())) {
                rules.add(device.rule());
            }
        }
        return List.copyOf(rules);
    }

    /**
     * What to write to a new cgroup's {@code devices.allow} and {@code devices.deny} (cgroup v1), in order, so
     * that it enforces the rules: the default first ("a *:* rwm" to devices.deny for an allow-list), then one
     * line per exception, access merged per device as the kernel merges it. Bad rules fail with a
     * {@link CgroupError} naming {@code linux.resources.devices[i]}.
     */
    public static List<V1Write> v1Writes(List<DeviceRule> rules) {
        return v1Transition("a *:* rwm\n", rules);
    }

    /**
     * The writes that take a v1 cgroup whose {@code devices.list} reads {@code currentList} to the rules, without
     * the disruptive "a" write when both are allow-lists (for {@code runc update} of a running container):
     * only the access that is gained or lost is written. A cgroup in deny-list mode does not list its deny
     * exceptions, so it always starts over with the "a" write.
     */
    public static List<V1Write> v1Transition(String currentList, List<DeviceRule> rules) {
        DeviceAccessPolicy target = DeviceAccessPolicy.of(rules);
        DeviceAccessPolicy current = DeviceAccessPolicy.fromDevicesList(currentList);
        String grant = target.defaultAllow() ? "devices.deny" : "devices.allow";
        String revoke = target.defaultAllow() ? "devices.allow" : "devices.deny";
        List<V1Write> writes = new ArrayList<>();
        Map<DeviceAccessPolicy.Match, Integer> held = current.exceptions();
        if (current.defaultAllow() || target.defaultAllow()) {
            writes.add(new V1Write(target.defaultAllow() ? "devices.allow" : "devices.deny", "a *:* rwm"));
            held = Map.of();
        }
        Map<DeviceAccessPolicy.Match, Integer> wanted = target.exceptions();
        for (Map.Entry<DeviceAccessPolicy.Match, Integer> old : current.orderedExceptions()) {
            int dropped = held.getOrDefault(old.getKey(), 0) & ~wanted.getOrDefault(old.getKey(), 0);
            if (dropped != 0) {
                writes.add(new V1Write(revoke, old.getKey().line(dropped)));
            }
        }
        for (Map.Entry<DeviceAccessPolicy.Match, Integer> e : target.orderedExceptions()) {
            int gained = e.getValue() & ~held.getOrDefault(e.getKey(), 0);
            if (gained != 0) {
                writes.add(new V1Write(grant, e.getKey().line(gained)));
            }
        }
        return List.copyOf(writes);
    }

    /**
     * Whether the rules leave every device open. runc lets a v2 cgroup go without its device program when the
     * program cannot be loaded (in a user namespace, say) only if it would allow everything anyway.
     */
    public static boolean allowEverything(List<DeviceRule> rules) {
        DeviceAccessPolicy policy = DeviceAccessPolicy.of(rules);
        return policy.defaultAllow() && policy.exceptions().isEmpty();
    }

    /**
     * What the rules leave in force once reduced as the v1 devices controller reduces them: a default and the
     * exceptions to it, each a typed rule ({@code allow} the opposite of the default, an absent number for any,
     * access as "rwm" letters). systemd, which takes allow-lists only, is given these rather than the raw list.
     */
    public static Effective effective(List<DeviceRule> rules) {
        DeviceAccessPolicy policy = DeviceAccessPolicy.of(rules);
        List<DeviceRule> exceptions = policy.orderedExceptions().stream().map(e -> {
            DeviceAccessPolicy.Match m = e.getKey();
            return new DeviceRule(!policy.defaultAllow(),
                    Optional.of(m.block() ? DeviceCgroupType.BLOCK : DeviceCgroupType.CHAR), any(m.major()),
                    any(m.minor()), Optional.of(DeviceAccessPolicy.letters(e.getValue())));
        }).toList();
        return new Effective(policy.defaultAllow(), exceptions);
    }

    private static OptionalLong any(long number) {
        return number == DeviceAccessPolicy.WILDCARD ? OptionalLong.empty() : OptionalLong.of(number);
    }

    /**
     * A reduced rule list.
     *
     * @param defaultAllow every device is allowed but the exceptions (a deny-list); false: an allow-list
     * @param exceptions   in the order first made; type always char or block
     */
    public record Effective(boolean defaultAllow, List<DeviceRule> exceptions) {
        public Effective {
            exceptions = List.copyOf(exceptions);
        }

        /** Nothing denied at all. */
        public boolean allowsEverything() {
            return defaultAllow && exceptions.isEmpty();
        }
    }

    /** One line for a v1 devices file, e.g. {@code devices.allow} ← {@code "c 1:3 rwm"}. */
    public record V1Write(String file, String line) {
    }

    /** A rule runc gives every container; those with a path make way for a linux.devices entry of that path. */
    private record DefaultDevice(Optional<String> path, DeviceRule rule) {
        // runc's specconv.AllowedDevices (1.2 and later: the /dev/net/tun entry of older versions is gone).
        static final List<DefaultDevice> ALWAYS_ALLOWED = List.of(
                any(DeviceCgroupType.CHAR, -1, -1, "m"),
                any(DeviceCgroupType.BLOCK, -1, -1, "m"),
                node("/dev/null", 1, 3),
                node("/dev/random", 1, 8),
                node("/dev/full", 1, 7),
                node("/dev/tty", 5, 0),
                node("/dev/zero", 1, 5),
                node("/dev/urandom", 1, 9),
                any(DeviceCgroupType.CHAR, 136, -1, "rwm"), // /dev/pts/*
                any(DeviceCgroupType.CHAR, 5, 2, "rwm")); // /dev/ptmx

        private static DefaultDevice node(String path, long major, long minor) {
            return new DefaultDevice(Optional.of(path), allow(DeviceCgroupType.CHAR, major, minor, "rwm"));
        }

        private static DefaultDevice any(DeviceCgroupType type, long major, long minor, String access) {
            return new DefaultDevice(Optional.empty(), allow(type, major, minor, access));
        }

        private static DeviceRule allow(DeviceCgroupType type, long major, long minor, String access) {
            return new DeviceRule(true, Optional.of(type), major < 0 ? OptionalLong.empty() : OptionalLong.of(major),
                    minor < 0 ? OptionalLong.empty() : OptionalLong.of(minor), Optional.of(access));
        }
    }
}
