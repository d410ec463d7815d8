package io.jrunc.cli.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.cgroups.DeviceRules;
import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.DeviceRule;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The driver against a fake systemd manager on a private dbus-daemon: what goes over the bus, and when. */
@Timeout(30)
class SystemdCgroupDriverTest {
    @TempDir
    Path tmp;
    PrivateBus bus;
    FakeSystemd systemd;
    RecordingCgroupfs cgroupfs = new RecordingCgroupfs();
    SystemdSettings settings;

    @BeforeEach
    void startBusAndSystemd() throws Exception {
        bus = PrivateBus.start(tmp);
        systemd = FakeSystemd.on(bus.address());
        Path booted = Files.createDirectories(tmp.resolve("run/systemd/system"));
        settings = new SystemdSettings(bus.address(), booted, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        if (systemd != null) {
            systemd.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private SystemdCgroupDriver driver(boolean unified) {
        return new SystemdCgroupDriver(cgroupfs, unified, settings);
    }

    private static Resources resources() {
        return Resources.builder()
                .memory(new Memory(OptionalLong.of(256L << 20), OptionalLong.of(128L << 20), OptionalLong.of(512L << 20),
                        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()))
                .cpu(new Cpu(OptionalLong.of(1024), OptionalLong.of(50_000), OptionalLong.empty(),
                        OptionalLong.of(100_000), OptionalLong.empty(), OptionalLong.empty(), Optional.of("0-1"),
                        Optional.empty(), OptionalLong.empty()))
                .pids(new Pids(100))
                .blockIO(new BlockIo(OptionalInt.of(500), OptionalInt.empty(), List.of(), List.of(), List.of(),
                        List.of(), List.of()))
                .build();
    }

    @Test
    void theScopeStartsAtJoinWithTheInitPidAndRuncsPropertiesOnV2() {
        ContainerCgroup cgroup = driver(true).forNewContainer(ContainerId.of("web"),
                Optional.of("machine.slice:libpod:abc"));
        assertEquals(List.of("new web /machine.slice/libpod-abc.scope"), cgroupfs.journal);
        cgroup.create();
        cgroup.apply(resources());
        assertEquals(List.of(), systemd.calls(), "nothing is started before there is a pid");

        cgroup.join(4242);

        FakeSystemd.Call start = systemd.calls().get(0);
        assertEquals(List.of("StartTransientUnit"), systemd.methods());
        assertEquals("libpod-abc.scope", start.unit());
        assertEquals("replace", start.mode());
        assertEquals(Map.ofEntries(
                Map.entry("Description", "s jrunc container abc"),
                Map.entry("Slice", "s machine.slice"),
                Map.entry("Delegate", "b true"),
                Map.entry("PIDs", "au [4242]"),
                Map.entry("MemoryAccounting", "b true"),
                Map.entry("CPUAccounting", "b true"),
                Map.entry("IOAccounting", "b true"),
                Map.entry("TasksAccounting", "b true"),
                Map.entry("DefaultDependencies", "b false"),
                Map.entry("MemoryMax", "t 268435456"),
                Map.entry("MemoryLow", "t 134217728"),
                Map.entry("MemorySwapMax", "t 268435456"),
                Map.entry("CPUWeight", "t 100"),
                Map.entry("CPUQuotaPeriodUSec", "t 100000"),
                Map.entry("CPUQuotaPerSecUSec", "t 500000"),
                Map.entry("AllowedCPUs", "ay [0x03]"),
                Map.entry("TasksMax", "t 100")), FakeSystemd.byName(start.properties()));
        assertEquals(List.of("new web /machine.slice/libpod-abc.scope", "create", "join 4242", "apply"),
                cgroupfs.journal, "cgroupfs follows systemd: the rest of the hierarchies, the pid, the files");
        assertEquals(Map.of("", "/machine.slice/libpod-abc.scope"), cgroup.paths());
    }

    @Test
    void aV1HostGetsTheV1PropertiesAndCgroupfsTheQuotaSystemdRoundsTo() {
        Resources resources = Resources.builder()
                .memory(Memory.of(OptionalLong.of(64L << 20), OptionalLong.of(128L << 20)))
                .cpu(Cpu.of(OptionalLong.of(512), OptionalLong.of(33_333), OptionalLong.of(100_000)))
                .blockIO(new BlockIo(OptionalInt.of(300), OptionalInt.empty(), List.of(), List.of(), List.of(),
                        List.of(), List.of()))
                .pids(new Pids(-1))
                .build();
        ContainerCgroup cgroup = driver(false).forNewContainer(ContainerId.of("c1"), Optional.empty());
        cgroup.create();
        cgroup.apply(resources);
        cgroup.join(77);

        FakeSystemd.Call start = systemd.calls().get(0);
        assertEquals("jrunc-c1.scope", start.unit());
        Map<String, String> props = FakeSystemd.byName(start.properties());
        assertEquals("s system.slice", props.get("Slice"));
        assertEquals("b true", props.get("BlockIOAccounting"));
        assertFalse(props.containsKey("IOAccounting"));
        assertEquals("t 67108864", props.get("MemoryLimit"));
        assertFalse(props.containsKey("MemorySwapMax"), "v1 has no swap property: cgroupfs writes memsw");
        assertEquals("t 512", props.get("CPUShares"));
        assertEquals("t 300", props.get("BlockIOWeight"));
        assertEquals("t 18446744073709551615", props.get("TasksMax"), "-1 is systemd's infinity");
        assertEquals("t 340000", props.get("CPUQuotaPerSecUSec"), "33.333% rounds up to 34%");
        assertEquals(OptionalLong.of(34_000), cgroupfs.written.get(0).cpu().orElseThrow().quota(),
                "cgroupfs writes the quota systemd applies, not the one asked for");
        assertEquals(List.of("new c1 /system.slice/jrunc-c1.scope", "create", "join 77", "apply"), cgroupfs.journal);
    }

    @Test
    void anOlderSystemdGetsNeitherThePeriodNorTheCpuMask() {
        systemd.version = "241";
        ContainerCgroup cgroup = driver(true).forNewContainer(ContainerId.of("old"), Optional.empty());
        cgroup.apply(resources());
        cgroup.join(5);
        Map<String, String> props = FakeSystemd.byName(systemd.calls().get(0).properties());
        assertFalse(props.containsKey("CPUQuotaPeriodUSec"));
        assertFalse(props.containsKey("AllowedCPUs"));
        assertEquals("t 500000", props.get("CPUQuotaPerSecUSec"));
    }

    @Test
    void withoutResourcesTheScopeHasOnlyTheBasics() {
        driver(true).forNewContainer(ContainerId.of("bare"), Optional.of(":app:x")).join(9);
        assertEquals(List.of("Description", "Slice", "Delegate", "PIDs", "MemoryAccounting", "CPUAccounting",
                        "IOAccounting", "TasksAccounting", "DefaultDependencies"),
                List.copyOf(FakeSystemd.byName(systemd.calls().get(0).properties()).keySet()));
    }

    @Test
    void aSliceNameMakesASliceThatWantsItsParent() {
        ContainerCgroup cgroup = driver(true).forNewContainer(ContainerId.of("p"),
                Optional.of("kubepods.slice:ignored:kubepods-pod1.slice"));
        cgroup.join(11);
        FakeSystemd.Call start = systemd.calls().get(0);
        assertEquals("kubepods-pod1.slice", start.unit());
        Map<String, String> props = FakeSystemd.byName(start.properties());
        assertEquals("as [kubepods.slice]", props.get("Wants"));
        assertFalse(props.containsKey("PIDs"), "a slice holds no pids of its own");
        assertFalse(props.containsKey("Delegate"));
        assertTrue(cgroupfs.journal.contains("join 11"), "cgroupfs moves the process in");
    }

    private static Resources devices(DeviceRule... rules) {
        return Resources.builder().devices(DeviceRules.forContainer(List.of(rules), List.of())).build();
    }

    /** The names in the order sent; DeviceAllow's (ss) entries as "path access". */
    private static List<String> sent(List<UnitProperty> properties) {
        return properties.stream().map(p -> p.name() + " " + p.value().getSig() + " " + entries(p.value().getValue()))
                .toList();
    }

    private static String entries(Object value) {
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Object[]) {
            return list.stream().map(e -> ((Object[]) e)[0] + " " + ((Object[]) e)[1]).toList().toString();
        }
        return String.valueOf(value);
    }

    @Test
    void theDeviceRulesAndTheConfigsOwnPropertiesGoWithTheStart() {
        systemd.version = "239";
        settings = settings.withProcDevices(DevicePropertiesTest.PROC_DEVICES);
        ContainerCgroup cgroup = driver(true).forNewContainer(ContainerId.of("dev"), Optional.empty(), Map.of(
                "org.systemd.property.TimeoutStopSec", "15", "org.systemd.property.CollectMode",
                "'inactive-or-failed'", "org.opencontainers.other", "x"));
        cgroup.apply(devices(DeviceRule.denyAll(), DevicePropertiesTest.rule(true, "c", 10, 200, "rwm")));
        cgroup.join(12);

        List<String> sent = sent(systemd.calls().get(0).properties());
        assertEquals(List.of(
                "DevicePolicy s strict",
                "DeviceAllow a(ss) []",
                "DeviceAllow a(ss) [/dev/char/10:200 rwm, char-* m, block-* m, /dev/char/1:3 rwm, /dev/char/1:8 rwm, "
                        + "/dev/char/1:7 rwm, /dev/char/5:0 rwm, /dev/char/1:5 rwm, /dev/char/1:9 rwm, char-pts rwm, "
                        + "/dev/char/5:2 rwm]",
                "CollectMode s inactive-or-failed",
                "TimeoutStopUSec t 15000000"), sent.subList(sent.size() - 5, sent.size()),
                "devices with the resources, the annotations last, after jrunc's own");
        assertEquals("DefaultDependencies b false", sent.get(sent.size() - 6));
    }

    @Test
    void devicesAppliedToAStartedUnitComeFirstInItsProperties() {
        systemd.addUnit("jrunc-web.scope");
        ContainerCgroup cgroup = driver(false).forExistingContainer(ContainerId.of("web"),
                Map.of("devices", "/sys/fs/cgroup/devices/system.slice/jrunc-web.scope"));
        cgroup.apply(Resources.builder().devices(List.of(DevicePropertiesTest.rule(true, "a", -1, -1, "rwm")))
                .pids(new Pids(3)).build());
        assertEquals(List.of("DevicePolicy s auto", "DeviceAllow a(ss) []", "TasksMax t 3"),
                sent(systemd.calls().get(0).properties()));
    }

    @Test
    void aBadAnnotationFailsBeforeAnythingIsMade() {
        var e = assertThrows(SystemdException.class, () -> driver(true).forNewContainer(ContainerId.of("x"),
                Optional.empty(), Map.of("org.systemd.property.TasksMax", "uint64 many")));
        assertTrue(e.getMessage().startsWith(
                "annotation org.systemd.property.TasksMax=uint64 many value parse error: "), e.getMessage());
        assertEquals(List.of(), cgroupfs.journal);
        assertEquals(List.of(), systemd.calls());
    }

    @Test
    void aJobRemovedBeforeTheReplyIsNotMissed() {
        systemd.signalBeforeReply = true;
        driver(true).forNewContainer(ContainerId.of("fast"), Optional.empty()).join(3);
        assertTrue(systemd.hasUnit("jrunc-fast.scope"));
    }

    @Test
    void updateSetsRuntimePropertiesThenWritesCgroupfs() {
        systemd.addUnit("jrunc-web.scope");
        ContainerCgroup cgroup = driver(true).forExistingContainer(ContainerId.of("web"),
                Map.of("", "/sys/fs/cgroup/system.slice/jrunc-web.scope"));
        cgroup.update(Resources.builder().pids(new Pids(10)).build());
        FakeSystemd.Call set = systemd.calls().get(0);
        assertEquals("SetUnitProperties", set.method());
        assertEquals("jrunc-web.scope", set.unit());
        assertEquals("runtime", set.mode());
        assertEquals(Map.of("TasksMax", "t 10"), FakeSystemd.byName(set.properties()));
        assertEquals("update", cgroupfs.journal.get(cgroupfs.journal.size() - 1));
    }

    @Test
    void destroyStopsTheUnitWaitsForItAndLetsCgroupfsRemoveTheRest() {
        ContainerCgroup cgroup = driver(true).forNewContainer(ContainerId.of("d"), Optional.empty());
        cgroup.join(8);
        cgroup.destroy();
        assertEquals(List.of("StartTransientUnit", "StopUnit", "ResetFailedUnit"), systemd.methods());
        assertEquals("replace", systemd.calls().get(1).mode());
        assertFalse(systemd.hasUnit("jrunc-d.scope"));
        assertEquals("destroy", cgroupfs.journal.get(cgroupfs.journal.size() - 1));

        cgroup.destroy();
        assertEquals(2, cgroupfs.journal.stream().filter("destroy"::equals).count(), "a second destroy is harmless");
    }

    @Test
    void aFailedJobIsAnErrorAndNothingIsLeft() {
        systemd.jobResult = "failed";
        ContainerCgroup cgroup = driver(true).forNewContainer(ContainerId.of("f"), Optional.empty());
        SystemdException e = assertThrows(SystemdException.class, () -> cgroup.join(4));
        assertEquals("unable to start unit \"jrunc-f.scope\": error creating systemd unit `jrunc-f.scope`: got `failed`",
                e.getMessage());
        assertEquals(List.of("StartTransientUnit", "ResetFailedUnit"), systemd.methods());
        assertEquals(List.of("new f /system.slice/jrunc-f.scope"), cgroupfs.journal, "cgroupfs made nothing");
    }

    @Test
    void aJobThatNeverEndsTimesOut() {
        systemd.jobResult = null;
        settings = new SystemdSettings(settings.busAddress(), settings.bootedMarker(), Duration.ofMillis(300));
        ContainerCgroup cgroup = driver(true).forNewContainer(ContainerId.of("slow"), Optional.empty());
        SystemdException e = assertThrows(SystemdException.class, () -> cgroup.join(4));
        assertEquals("unable to start unit \"jrunc-slow.scope\": Timeout waiting for systemd to create "
                + "jrunc-slow.scope", e.getMessage());
    }

    @Test
    void aLeftoverUnitOfTheSameNameIsResetAndTheStartTriedOnceMore() {
        systemd.addUnit("jrunc-again.scope");
        driver(true).forNewContainer(ContainerId.of("again"), Optional.empty()).join(6);
        assertEquals(List.of("StartTransientUnit", "ResetFailedUnit", "StartTransientUnit"), systemd.methods());
        assertTrue(systemd.hasUnit("jrunc-again.scope"));
    }

    @Test
    void aUnitThatStillExistsIsAnError() {
        systemd.addUnit("jrunc-taken.scope");
        systemd.stubbornExists = 1;
        ContainerCgroup cgroup = driver(true).forNewContainer(ContainerId.of("taken"), Optional.empty());
        SystemdException e = assertThrows(SystemdException.class, () -> cgroup.join(6));
        assertEquals("unable to start unit \"jrunc-taken.scope\": Unit jrunc-taken.scope was already loaded or has "
                + "a fragment file.", e.getMessage());
        assertFalse(cgroupfs.journal.contains("create"));
    }

    @Test
    void aCgroupfsFailureAfterTheStartStopsTheUnitAgain() {
        cgroupfs.failCreate = new IllegalStateException("mkdir cpuset: EACCES");
        ContainerCgroup cgroup = driver(false).forNewContainer(ContainerId.of("half"), Optional.empty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cgroup.join(6));
        assertEquals("mkdir cpuset: EACCES", e.getMessage());
        assertEquals(List.of("StartTransientUnit", "StopUnit", "ResetFailedUnit"), systemd.methods());
        assertFalse(systemd.hasUnit("jrunc-half.scope"));
    }

    @Test
    void withoutSystemdNothingIsMadeAndTheErrorIsRuncs() throws Exception {
        Files.delete(settings.bootedMarker());
        SystemdCgroupDriver driver = driver(true);
        SystemdException e = assertThrows(SystemdException.class,
                () -> driver.forNewContainer(ContainerId.of("x"), Optional.empty()));
        assertEquals("systemd not running on this host, cannot use systemd cgroups manager", e.getMessage());
        assertThrows(SystemdException.class,
                () -> driver.forExistingContainer(ContainerId.of("x"), Map.of("", "/system.slice/jrunc-x.scope")));
        assertEquals(List.of(), cgroupfs.journal);
        assertEquals(List.of(), systemd.calls());
    }

    @Test
    void anUnreachableBusIsAClearErrorAtCreate() {
        String nowhere = "unix:path=" + tmp.resolve("no-bus");
        settings = new SystemdSettings(nowhere, settings.bootedMarker(), Duration.ofSeconds(1));
        ContainerCgroup cgroup = driver(true).forNewContainer(ContainerId.of("x"), Optional.empty());
        SystemdException e = assertThrows(SystemdException.class, cgroup::create);
        assertTrue(e.getMessage().startsWith("cannot connect to systemd over D-Bus at " + nowhere), e.getMessage());
    }

    @Test
    void destroyWithoutABusStillLetsCgroupfsCleanUpAndSaysWhy() {
        ContainerCgroup cgroup = new SystemdCgroupDriver(cgroupfs, true, new SystemdSettings(
                "unix:path=" + tmp.resolve("gone"), settings.bootedMarker(), Duration.ofSeconds(1)))
                .forExistingContainer(ContainerId.of("g"), Map.of("", "/system.slice/jrunc-g.scope"));
        SystemdException e = assertThrows(SystemdException.class, cgroup::destroy);
        assertTrue(e.getMessage().startsWith("cannot connect to systemd over D-Bus"), e.getMessage());
        assertEquals("destroy", cgroupfs.journal.get(cgroupfs.journal.size() - 1));
    }

    /**
     * What crosses the bus, seen by dbus-monitor rather than by dbus-java on both ends (which would agree on
     * any name): systemd's interface, members and signatures.
     */
    @Test
    void theWireSpeaksSystemdsInterface() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dbus-monitor")),
                "needs dbus-monitor (dbus-bin, which dbus-daemon brings)");
        Path monitorOut = tmp.resolve("monitor.txt");
        Process monitor = new ProcessBuilder("/usr/bin/dbus-monitor", "--address", bus.address())
                .redirectErrorStream(true).redirectOutput(monitorOut.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            // Its own name lost: it has become a monitor, and sees every message from now on.
            while (!Files.readString(monitorOut).contains("NameLost") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            ContainerCgroup cgroup = driver(true).forNewContainer(ContainerId.of("wire"), Optional.empty(),
                    Map.of("org.systemd.property.CPUQuotaPerSecUSec", "uint64 20000"));
            cgroup.apply(devices(DeviceRule.denyAll()));
            cgroup.join(31);
            cgroup.update(Resources.builder().pids(new Pids(7)).build());
            cgroup.destroy();
            Thread.sleep(200);
        } finally {
            monitor.destroy();
            monitor.waitFor();
        }
        String seen = Files.readString(monitorOut);
        for (String member : List.of("StartTransientUnit", "SetUnitProperties", "StopUnit", "ResetFailedUnit")) {
            assertTrue(seen.contains("path=/org/freedesktop/systemd1; interface=org.freedesktop.systemd1.Manager; "
                    + "member=" + member), member + " in\n" + seen);
        }
        assertTrue(seen.contains("interface=org.freedesktop.systemd1.Manager; member=JobRemoved"), seen);
        String flat = seen.replaceAll("\\s+", " ");
        assertTrue(flat.contains("member=StartTransientUnit string \"jrunc-wire.scope\" string \"replace\" array ["),
                seen);
        assertTrue(flat.contains("string \"PIDs\" variant array [ uint32 31 ]"), seen);
        assertTrue(flat.contains("string \"Delegate\" variant boolean true"), seen);
        assertTrue(flat.contains("string \"DevicePolicy\" variant string \"strict\""), seen);
        assertTrue(flat.contains("string \"DeviceAllow\" variant array [ ]"), seen);
        assertTrue(flat.contains("string \"DeviceAllow\" variant array [ struct { string \"char-*\" string \"m\" } "
                + "struct { string \"block-*\" string \"m\" } struct { string \"/dev/char/1:3\" string \"rwm\" }"), seen);
        assertTrue(flat.contains("struct { string \"CPUQuotaPerSecUSec\" variant uint64 20000 } ]"), seen);
        assertTrue(flat.contains("member=SetUnitProperties string \"jrunc-wire.scope\" boolean true array [ struct { "
                + "string \"TasksMax\" variant uint64 7 } ]"), seen);
        assertTrue(flat.contains("member=JobRemoved uint32 1 object path \"/org/freedesktop/systemd1/job/1\" "
                + "string \"jrunc-wire.scope\" string \"done\""), seen);
    }

    @Test
    void anInvalidCgroupsPathNamesTheField() {
        var e = assertThrows(io.jrunc.domain.cgroups.CgroupError.class,
                () -> driver(true).forNewContainer(ContainerId.of("x"), Optional.of("/kubepods/pod1/x")));
        assertEquals("linux.cgroupsPath", e.field());
        assertEquals("linux.cgroupsPath: expected cgroupsPath to be of format \"slice:prefix:name\" for systemd "
                + "cgroups, got \"/kubepods/pod1/x\" instead", e.getMessage());
        assertEquals(List.of(), cgroupfs.journal);
    }
}
