package io.jrunc.domain.cgroups;

import static io.jrunc.domain.cgroups.DeviceFilterTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.domain.config.Device;
import io.jrunc.domain.config.DeviceRule;
import io.jrunc.domain.config.DeviceType;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeviceRulesTest {
    private static final List<DeviceRule> RUNC_DEFAULTS = List.of(
            rule(true, "c", -1, -1, "m"),
            rule(true, "b", -1, -1, "m"),
            rule(true, "c", 1, 3, "rwm"),
            rule(true, "c", 1, 8, "rwm"),
            rule(true, "c", 1, 7, "rwm"),
            rule(true, "c", 5, 0, "rwm"),
            rule(true, "c", 1, 5, "rwm"),
            rule(true, "c", 1, 9, "rwm"),
            rule(true, "c", 136, -1, "rwm"),
            rule(true, "c", 5, 2, "rwm"));

    private static Device device(String path, long major, long minor) {
        return new Device(DeviceType.CHAR, path, major, minor, OptionalInt.empty(), OptionalLong.empty(),
                OptionalLong.empty());
    }

    @Test
    void theSpecRulesComeFirstThenRuncsDefaultsInRuncsOrder() {
        DeviceRule specific = rule(true, "c", 10, 200, "rw");
        List<DeviceRule> rules = DeviceRules.forContainer(List.of(DeviceRule.denyAll(), specific), List.of());
        assertEquals(DeviceRule.denyAll(), rules.get(0));
        assertEquals(specific, rules.get(1));
        assertEquals(RUNC_DEFAULTS, rules.subList(2, rules.size()));
    }

    @Test
    void aLinuxDevicesEntryReplacesTheDefaultOfItsPathAndGetsNoRuleOfItsOwn() {
        List<DeviceRule> rules = DeviceRules.forContainer(List.of(DeviceRule.denyAll()),
                List.of(device("/dev/null", 1, 3), device("/dev/fuse", 10, 229)));
        assertEquals(1 + RUNC_DEFAULTS.size() - 1, rules.size());
        assertEquals(false, rules.contains(rule(true, "c", 1, 3, "rwm")));
        assertEquals(false, rules.stream().anyMatch(r -> r.major().equals(OptionalLong.of(10))));
        // Defaults without a path (mknod, pts, ptmx) stay whatever linux.devices holds.
        assertEquals(true, rules.contains(rule(true, "c", 136, -1, "rwm")));
    }

    @Test
    void theDefaultsAlwaysWinOverTheSpecBecauseTheyComeLast() {
        // Without a leading deny-all the cgroup stays allow-all; the default rule for /dev/null then undoes the
        // spec's deny, as in runc.
        List<DeviceRule> rules = DeviceRules.forContainer(List.of(rule(false, "c", 1, 3, "rwm")), List.of());
        assertEquals(List.of(new DeviceRules.V1Write("devices.allow", "a *:* rwm")), DeviceRules.v1Writes(rules));
    }

    /** runc's own tests write "rwa": runc reads r, w and m and passes over the rest, and writes what it read. */
    @Test
    void accessLettersOtherThanRwmArePassedOverAsRuncDoes() {
        List<DeviceRule> rules = DeviceRules.forContainer(List.of(DeviceRule.denyAll(), rule(true, "c", 1, 11, "rwa"),
                rule(true, "c", 4, 1, "ar")), List.of());
        List<DeviceRules.V1Write> writes = DeviceRules.v1Writes(rules);
        assertEquals(true, writes.contains(new DeviceRules.V1Write("devices.allow", "c 1:11 rw")), writes.toString());
        assertEquals(true, writes.contains(new DeviceRules.V1Write("devices.allow", "c 4:1 r")), writes.toString());
    }

    @Test
    void onlyRulesThatLeaveEveryDeviceOpenAllowEverything() {
        assertEquals(true, DeviceRules.allowEverything(List.of()));
        assertEquals(true, DeviceRules.allowEverything(List.of(DeviceRule.denyAll(), rule(true, "a", -1, -1, "rwm"))));
        assertEquals(true, DeviceRules.allowEverything(DeviceRules.forContainer(
                List.of(rule(true, "a", -1, -1, "rwm")), List.of())));
        assertEquals(false, DeviceRules.allowEverything(DeviceRules.forContainer(
                List.of(DeviceRule.denyAll()), List.of())));
        assertEquals(false, DeviceRules.allowEverything(List.of(rule(false, "c", 1, 3, "w"))));
    }

    @Test
    void theEffectiveRulesAreTheExceptionsLeftAfterTheControllersReduction() {
        DeviceRules.Effective allowList = DeviceRules.effective(List.of(DeviceRule.denyAll(),
                rule(true, "c", 1, 3, "r"), rule(true, "c", 1, 3, "w"), rule(true, "b", 8, -1, "rwm"),
                rule(false, "b", 8, -1, "m"), rule(true, "c", 10, 200, "rw"), rule(false, "c", 10, 200, "rw")));
        assertEquals(false, allowList.defaultAllow());
        assertEquals(List.of(rule(true, "c", 1, 3, "rw"), rule(true, "b", 8, -1, "rw")), allowList.exceptions());

        DeviceRules.Effective denyList = DeviceRules.effective(List.of(rule(true, "a", -1, -1, "rwm"),
                rule(false, "c", 1, 3, "w")));
        assertEquals(true, denyList.defaultAllow());
        assertEquals(List.of(rule(false, "c", 1, 3, "w")), denyList.exceptions());
        assertEquals(false, denyList.allowsEverything());
        assertEquals(true, DeviceRules.effective(List.of(rule(true, "a", -1, -1, "rwm"))).allowsEverything());
    }
}
