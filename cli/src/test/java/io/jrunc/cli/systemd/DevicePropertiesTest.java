package io.jrunc.cli.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.DeviceRules;
import io.jrunc.domain.config.DeviceCgroupType;
import io.jrunc.domain.config.DeviceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DevicePropertiesTest {
    static final String PROC_DEVICES = """
            Character devices:
              1 mem
              4 /dev/vc/0
              4 tty
              5 /dev/tty
            136 pts
            180 usb
            254 gpiochip

            Block devices:
              7 loop
              8 sd
            259 blkext
            """;
    private static final Supplier<String> UNREAD = () -> {
        throw new AssertionError("/proc/devices read without need");
    };
    private final List<String> warnings = new ArrayList<>();

    static DeviceRule rule(boolean allow, String type, long major, long minor, String access) {
        return new DeviceRule(allow, Optional.of(switch (type) {
            case "a" -> DeviceCgroupType.ALL;
            case "b" -> DeviceCgroupType.BLOCK;
            default -> DeviceCgroupType.CHAR;
        }), major < 0 ? OptionalLong.empty() : OptionalLong.of(major),
                minor < 0 ? OptionalLong.empty() : OptionalLong.of(minor), Optional.of(access));
    }

    private List<String> properties(int systemdVersion, Supplier<String> procDevices, DeviceRule... rules) {
        return render(DeviceProperties.of(List.of(rules), systemdVersion, procDevices, warnings::add));
    }

    /** "DevicePolicy strict", "DeviceAllow [/dev/char/1:3 rw, …]", in the order sent. */
    static List<String> render(List<UnitProperty> properties) {
        List<String> out = new ArrayList<>();
        for (UnitProperty p : properties) {
            Object value = p.value().getValue();
            if (value instanceof List<?> entries) {
                out.add(p.name() + " " + entries.stream().map(e -> e instanceof DeviceAllowEntry d
                        ? d.path + " " + d.access : String.valueOf(e)).toList());
            } else {
                out.add(p.name() + " " + value);
            }
        }
        return out;
    }

    @Test
    void concreteDevicesAreTheirDevPathsUnderAStrictPolicyAfterAnEmptyingList() {
        assertEquals(List.of("DevicePolicy strict", "DeviceAllow []",
                        "DeviceAllow [/dev/char/1:3 rw, /dev/block/8:16 r]"),
                properties(252, UNREAD, DeviceRule.denyAll(), rule(true, "c", 1, 3, "rw"),
                        rule(true, "b", 8, 16, "r")));
        assertEquals(List.of(), warnings);
    }

    @Test
    void theEffectiveListIsSentNotTheRawOne() {
        // Access merged per device, a revoked device gone: as the devices controller would hold it.
        assertEquals(List.of("DevicePolicy strict", "DeviceAllow []", "DeviceAllow [/dev/char/1:3 rw]"),
                properties(252, UNREAD, DeviceRule.denyAll(), rule(true, "c", 1, 3, "r"),
                        rule(true, "c", 1, 3, "w"), rule(true, "c", 10, 200, "rwm"),
                        rule(false, "c", 10, 200, "rwm")));
    }

    @Test
    void everyMinorOfAMajorIsItsProcDevicesGroupBeforeSystemd240() {
        assertEquals(List.of("DevicePolicy strict", "DeviceAllow []", "DeviceAllow [char-pts rwm, block-sd r]"),
                properties(239, () -> PROC_DEVICES, DeviceRule.denyAll(), rule(true, "c", 136, -1, "rwm"),
                        rule(true, "b", 8, -1, "r")));
        assertEquals(List.of(), warnings);
    }

    @Test
    void anUnknownSystemdVersionGetsTheGroupNamesToo() {
        assertEquals("DeviceAllow [char-/dev/vc/0 rw]", properties(-1, () -> PROC_DEVICES, DeviceRule.denyAll(),
                rule(true, "c", 4, -1, "rw")).get(2), "a major listed twice: the first name, as runc takes it");
    }

    @Test
    void aMajorWithNoGroupIsSkippedWithAWarning() {
        assertEquals(List.of("DevicePolicy strict", "DeviceAllow []", "DeviceAllow [/dev/char/1:3 rwm]"),
                properties(239, () -> PROC_DEVICES, DeviceRule.denyAll(), rule(true, "c", 42, -1, "rwm"),
                        rule(true, "b", 136, -1, "rwm"), rule(true, "c", 1, 3, "rwm")));
        assertEquals(List.of(
                "could not find device group for 'c/42' in /proc/devices -- temporarily ignoring rule: c 42:* rwm",
                "could not find device group for 'b/136' in /proc/devices -- temporarily ignoring rule: b 136:* rwm"),
                warnings, "136 is a char group, not a block one");
    }

    @Test
    void systemd240AndLaterTakeTheMajorItself() {
        assertEquals(List.of("DevicePolicy strict", "DeviceAllow []", "DeviceAllow [char-136 rwm, block-8 r]"),
                properties(240, UNREAD, DeviceRule.denyAll(), rule(true, "c", 136, -1, "rwm"),
                        rule(true, "b", 8, -1, "r")));
    }

    @Test
    void everyDeviceOfATypeIsTheTypesGlob() {
        assertEquals(List.of("DevicePolicy strict", "DeviceAllow []", "DeviceAllow [char-* m, block-* m]"),
                properties(252, UNREAD, DeviceRule.denyAll(), rule(true, "c", -1, -1, "m"),
                        rule(true, "b", -1, -1, "m")));
    }

    @Test
    void oneMinorOfEveryMajorHasNoFormAndIsSkippedWithAWarning() {
        assertEquals(List.of("DevicePolicy strict", "DeviceAllow []", "DeviceAllow []"),
                properties(252, UNREAD, DeviceRule.denyAll(), rule(true, "c", -1, 3, "rw")));
        assertEquals(List.of("systemd doesn't support '*:n' device rules -- temporarily ignoring rule: c *:3 rw"),
                warnings);
    }

    @Test
    void allowingEverythingIsPolicyAutoWithNoEntries() {
        assertEquals(List.of("DevicePolicy auto", "DeviceAllow []"),
                properties(252, UNREAD, DeviceRule.denyAll(), rule(true, "a", -1, -1, "rwm")));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aDenyListIsRefusedWithAWarningAndTheStrictEmptyList() {
        assertEquals(List.of("DevicePolicy strict", "DeviceAllow []"),
                properties(252, UNREAD, rule(true, "a", -1, -1, "rwm"), rule(false, "c", 1, 3, "w")));
        assertEquals(List.of("systemd doesn't support blacklist device rules -- applying temporary deny-all rule"),
                warnings);
    }

    @Test
    void noRulesMeansNoDeviceProperties() {
        assertEquals(List.of(), properties(252, UNREAD));
    }

    @Test
    void aContainersDefaultRulesOnOldAndNewSystemd() {
        List<DeviceRule> rules = DeviceRules.forContainer(List.of(DeviceRule.denyAll()), List.of());
        String defaults = "char-* m, block-* m, /dev/char/1:3 rwm, /dev/char/1:8 rwm, /dev/char/1:7 rwm, "
                + "/dev/char/5:0 rwm, /dev/char/1:5 rwm, /dev/char/1:9 rwm, %s rwm, /dev/char/5:2 rwm";
        assertEquals(List.of("DevicePolicy strict", "DeviceAllow []", "DeviceAllow [" + defaults.formatted("char-136")
                + "]"), render(DeviceProperties.of(rules, 255, UNREAD, warnings::add)));
        assertEquals(List.of("DevicePolicy strict", "DeviceAllow []", "DeviceAllow [" + defaults.formatted("char-pts")
                + "]"), render(DeviceProperties.of(rules, 219, () -> PROC_DEVICES, warnings::add)));
    }

    @Test
    void aRuleTheControllerCannotHoldFailsAsTheCgroupfsDriverFails() {
        var e = assertThrows(CgroupError.class, () -> properties(252, UNREAD, DeviceRule.denyAll(),
                rule(true, "c", -1, -1, "rwm"), rule(false, "c", 1, 3, "w")));
        assertEquals("linux.resources.devices[2]", e.field());
    }

    @Test
    void anUnreadableProcDevicesSaysSo() {
        var e = assertThrows(SystemdException.class, () -> properties(219, () -> {
            throw new java.io.UncheckedIOException("reading /proc/devices: gone", new java.io.IOException("gone"));
        }, DeviceRule.denyAll(), rule(true, "c", 136, -1, "rwm")));
        assertEquals("unable to read /proc/devices for the unit's DeviceAllow: reading /proc/devices: gone",
                e.getMessage());
    }
}
