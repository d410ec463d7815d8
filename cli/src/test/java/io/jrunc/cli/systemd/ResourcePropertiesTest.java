package io.jrunc.cli.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Resources;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResourcePropertiesTest {
    private static final String INF = "t 18446744073709551615";

    private static Map<String, String> v2(Resources resources) {
        return FakeSystemd.byName(ResourceProperties.of(resources, true, 255).properties());
    }

    private static Resources cpu(long quota, long period) {
        return Resources.builder().cpu(Cpu.of(OptionalLong.empty(),
                quota == 0 ? OptionalLong.empty() : OptionalLong.of(quota),
                period == 0 ? OptionalLong.empty() : OptionalLong.of(period))).build();
    }

    @Test
    void sharesBecomeTheSameWeightTheCgroupfsDriverWrites() {
        Resources shares = Resources.builder().cpu(Cpu.of(OptionalLong.of(1024), OptionalLong.empty(), OptionalLong.empty())).build();
        assertEquals("t 100", v2(shares).get("CPUWeight"));
    }

    @Test
    void aWholePercentQuotaGoesAsItIs() {
        Resources resources = cpu(50_000, 100_000);
        ResourceProperties.Translation t = ResourceProperties.of(resources, true, 255);
        assertEquals(Map.of("CPUQuotaPeriodUSec", "t 100000", "CPUQuotaPerSecUSec", "t 500000"),
                FakeSystemd.byName(t.properties()));
        assertSame(resources, t.forCgroupfs());
    }

    @Test
    void aFractionalPercentIsRoundedUpForSystemdAndForCgroupfs() {
        ResourceProperties.Translation t = ResourceProperties.of(cpu(12_345, 50_000), true, 255);
        // 12345us per 50ms is 246900us per second: 25%, 250000, which is 12500us per 50ms.
        assertEquals("t 250000", FakeSystemd.byName(t.properties()).get("CPUQuotaPerSecUSec"));
        assertEquals(OptionalLong.of(12_500), t.forCgroupfs().cpu().orElseThrow().quota());
    }

    @Test
    void aQuotaWithoutPeriodAssumesTheKernelsDefaultAndSendsNoPeriod() {
        assertEquals(Map.of("CPUQuotaPerSecUSec", "t 200000"), v2(cpu(20_000, 0)));
    }

    @Test
    void noQuotaWithAPeriodIsInfinity() {
        assertEquals(Map.of("CPUQuotaPeriodUSec", "t 50000", "CPUQuotaPerSecUSec", INF), v2(cpu(0, 50_000)));
        assertEquals(Map.of("CPUQuotaPerSecUSec", INF), v2(cpu(-1, 0)));
    }

    @Test
    void unlimitedMemoryIsUnlimitedSwapOnV2() {
        Resources resources = Resources.builder().memory(Memory.of(OptionalLong.of(-1), OptionalLong.empty())).build();
        assertEquals(Map.of("MemoryMax", INF, "MemorySwapMax", INF), v2(resources));
    }

    @Test
    void swapLimitsThatCannotBeAreRefusedNamingTheField() {
        CgroupError less = assertThrows(CgroupError.class, () -> v2(Resources.builder()
                .memory(Memory.of(OptionalLong.of(200), OptionalLong.of(100))).build()));
        assertEquals("linux.resources.memory.swap: memory+swap limit should be >= memory limit", less.getMessage());
        CgroupError alone = assertThrows(CgroupError.class, () -> v2(Resources.builder()
                .memory(Memory.of(OptionalLong.empty(), OptionalLong.of(100))).build()));
        assertEquals("linux.resources.memory.swap: unable to set swap limit without memory limit", alone.getMessage());
    }

    @Test
    void unifiedFilesSystemdKnowsBecomeProperties() {
        Resources resources = Resources.builder().unified(Map.of(
                "memory.high", "max", "memory.min", " 4096 ", "pids.max", "50", "cpu.max", "max 50000",
                "cpu.weight", "200", "cpuset.mems", "0", "io.weight", "default 100", "memory.oom.group", "1")).build();
        assertEquals(Map.of("MemoryHigh", INF, "MemoryMin", "t 4096", "TasksMax", "t 50",
                "CPUQuotaPeriodUSec", "t 50000", "CPUQuotaPerSecUSec", INF, "CPUWeight", "t 200",
                "AllowedMemoryNodes", "ay [0x01]"), v2(resources));
        assertEquals(Map.of("OOMPolicy", "s kill"),
                FakeSystemd.byName(ResourceProperties.atStart(resources, true)));
        assertEquals(Map.of(), FakeSystemd.byName(ResourceProperties.atStart(resources, false)));
    }

    @Test
    void unifiedKeysMustBeFileNames() {
        CgroupError e = assertThrows(CgroupError.class,
                () -> v2(Resources.builder().unified(Map.of("../memory.max", "1")).build()));
        assertEquals("linux.resources.unified: unified resource \"../memory.max\" must be a file name (no slashes)",
                e.getMessage());
        assertThrows(CgroupError.class, () -> v2(Resources.builder().unified(Map.of("pids.max", "lots")).build()));
    }

    @Test
    void anIdleCpuIsWeightZeroAndTheSharesGiveWay() {
        Resources resources = Resources.builder().cpu(new Cpu(OptionalLong.of(1024), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.of(1))).build();
        assertEquals(Map.of("CPUWeight", "t 0"), v2(resources));
        assertEquals(Map.of("CPUWeight", "t 100"),
                FakeSystemd.byName(ResourceProperties.of(resources, true, 251).properties()), "idle needs systemd 252");
    }

    @Test
    void aCpuListTheKernelWouldRefuseNamesItsField() {
        Resources resources = Resources.builder().cpu(new Cpu(OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.of("3-1"), Optional.empty(), OptionalLong.empty())).build();
        CgroupError e = assertThrows(CgroupError.class, () -> v2(resources));
        assertEquals("linux.resources.cpu.cpus", e.field());
    }

    @Test
    void aV1HostTranslatesNoUnifiedFiles() {
        Resources resources = Resources.builder().unified(Map.of("pids.max", "5")).build();
        assertEquals(Map.of(), FakeSystemd.byName(ResourceProperties.of(resources, false, 255).properties()));
    }
}
