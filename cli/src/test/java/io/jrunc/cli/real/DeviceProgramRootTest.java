package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.cgroups.DeviceFilter;
import io.jrunc.domain.cgroups.DeviceRules;
import io.jrunc.domain.config.DeviceCgroupType;
import io.jrunc.domain.config.DeviceRule;
import io.jrunc.ports.Cgroups;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The device program the domain compiles, attached by each native backend to a throwaway cgroup of the
 * unified hierarchy, decides what a real process in that cgroup may do with /dev/null and /dev/zero; and the
 * v1 writes, made to a throwaway cgroup of the v1 devices hierarchy, leave what they should in devices.list.
 */
@Tag("root")
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeviceProgramRootTest {
    private static DeviceRule rule(boolean allow, DeviceCgroupType type, long major, long minor, String access) {
        return new DeviceRule(allow, Optional.of(type), major < 0 ? OptionalLong.empty() : OptionalLong.of(major),
                minor < 0 ? OptionalLong.empty() : OptionalLong.of(minor), Optional.of(access));
    }

    private static Cgroups cgroups(String backend) throws Exception {
        return Backends.ports(backend).getInstance(Cgroups.class);
    }


    /** Runs {@code command} with sh in the cgroup (the shell moves itself in, then execs); its stderr and status. */
    private static String inCgroup(Path cgroup, String command) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c",
                "echo $$ > " + cgroup.resolve("cgroup.procs") + " && exec /bin/sh -c '" + command + "'")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return p.exitValue() + ":" + out.trim();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theProgramDecidesDeviceAccessAndASecondOneReplacesIt(String backend) throws Exception {
        Backends.assumeLoads(backend);
        RootTier.requiresRoot();
        Path mount = UnifiedHierarchy.mount();
        RootTier.hostHas(mount != null, "a cgroup2 hierarchy");
        Cgroups cgroups = cgroups(backend);
        String path = "jrunc-devices-" + backend + "-" + UUID.randomUUID();
        Path cgroup = mount.resolve(path);
        cgroups.create("", path);
        try {
            assertEquals("0:x", inCgroup(cgroup, "echo x > /dev/null && echo x"), "no program yet: all allowed");

            cgroups.attachDeviceProgram(path, DeviceFilter.compile(List.of(
                    rule(true, DeviceCgroupType.ALL, -1, -1, "rwm"),
                    rule(false, DeviceCgroupType.CHAR, 1, 3, "w"))));
            String denied = inCgroup(cgroup, "echo x > /dev/null");
            assertNotEquals("0", denied.split(":")[0], denied);
            assertTrue(denied.contains("Operation not permitted"), denied);
            assertEquals("0:4", inCgroup(cgroup, "head -c 4 /dev/zero | wc -c"), "reading /dev/zero is allowed");
            assertEquals("0:", inCgroup(cgroup, "cat /dev/null"), "reading /dev/null is allowed");

            // The replacement denies reading /dev/zero only; had the first stayed attached, /dev/null writes
            // would still fail (every attached program must allow).
            cgroups.attachDeviceProgram(path, DeviceFilter.compile(List.of(
                    rule(true, DeviceCgroupType.ALL, -1, -1, "rwm"),
                    rule(false, DeviceCgroupType.CHAR, 1, 5, "r"))));
            assertEquals("0:x", inCgroup(cgroup, "echo x > /dev/null && echo x"), "the first program is gone");
            String zero = inCgroup(cgroup, "head -c 4 /dev/zero");
            assertTrue(zero.contains("Operation not permitted"), zero);
        } finally {
            cgroups.remove("", path);
        }
        assertTrue(Files.notExists(cgroup), "the test cgroup is removed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theV1WritesLeaveTheContainersRulesInDevicesList(String backend) throws Exception {
        Backends.assumeLoads(backend);
        RootTier.requiresRoot();
        Cgroups cgroups = cgroups(backend);
        RootTier.hostHas(cgroups.hierarchies().contains("devices"), "a v1 devices hierarchy");
        String path = "jrunc-devices-v1-" + backend + "-" + UUID.randomUUID();
        Path cgroup = Path.of("/sys/fs/cgroup/devices", path);
        List<DeviceRule> rules = DeviceRules.forContainer(List.of(DeviceRule.denyAll(),
                rule(true, DeviceCgroupType.CHAR, 10, 200, "rw"), rule(false, DeviceCgroupType.CHAR, 1, 3, "m")),
                List.of());
        cgroups.create("devices", path);
        try {
            for (DeviceRules.V1Write write : DeviceRules.v1Writes(rules)) {
                cgroups.write("devices", path, write.file(), write.line());
            }
            assertEquals(List.of("c 10:200 rw", "c *:* m", "b *:* m", "c 1:3 rwm", "c 1:8 rwm", "c 1:7 rwm",
                    "c 5:0 rwm", "c 1:5 rwm", "c 1:9 rwm", "c 136:* rwm", "c 5:2 rwm"),
                    cgroups.read("devices", path, "devices.list").orElseThrow().lines().toList());
            String denied = inCgroup(cgroup, ": < /dev/kmsg");
            assertTrue(denied.contains("Operation not permitted"), denied);
            assertEquals("0:x", inCgroup(cgroup, "echo x > /dev/null && echo x"));

            // An update that drops /dev/tty and the tun device: only those two lines are written.
            List<DeviceRule> fewer = DeviceRules.forContainer(List.of(DeviceRule.denyAll()),
                    List.of(new io.jrunc.domain.config.Device(io.jrunc.domain.config.DeviceType.CHAR, "/dev/tty", 5,
                            0, java.util.OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty())));
            List<DeviceRules.V1Write> update = DeviceRules.v1Transition(
                    cgroups.read("devices", path, "devices.list").orElseThrow(), fewer);
            assertEquals(List.of(new DeviceRules.V1Write("devices.deny", "c 10:200 rw"),
                    new DeviceRules.V1Write("devices.deny", "c 5:0 rwm")), update);
            for (DeviceRules.V1Write write : update) {
                cgroups.write("devices", path, write.file(), write.line());
            }
            assertEquals(false, cgroups.read("devices", path, "devices.list").orElseThrow().contains("c 5:0"));
        } finally {
            cgroups.remove("devices", path);
        }
    }
}
