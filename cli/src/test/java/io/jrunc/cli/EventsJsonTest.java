package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.domain.cgroups.CgroupStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events JSON field by field against runc's types.Stats, its names and its omitempty. */
class EventsJsonTest {
    private static final CgroupStats.CpuUsage NO_CPU = new CgroupStats.CpuUsage(0, List.of(), List.of(), List.of(), 0, 0);

    private static CgroupStats with(CgroupStats.Cpu cpu, CgroupStats.Memory memory, CgroupStats.Pids pids,
                                    CgroupStats.Blkio blkio, Map<String, CgroupStats.Hugetlb> hugetlb) {
        return new CgroupStats(cpu, List.of(), memory, pids, blkio, hugetlb);
    }

    private static final CgroupStats.Memory NO_MEMORY = new CgroupStats.Memory(0, CgroupStats.MemoryEntry.NONE,
            CgroupStats.MemoryEntry.NONE, CgroupStats.MemoryEntry.NONE, CgroupStats.MemoryEntry.NONE, Map.of());

    private static final String EMPTY_MEMORY = "\"memory\":{\"usage\":{\"limit\":0,\"failcnt\":0},"
            + "\"swap\":{\"limit\":0,\"failcnt\":0},\"kernel\":{\"limit\":0,\"failcnt\":0},"
            + "\"kernelTCP\":{\"limit\":0,\"failcnt\":0}}";
    private static final String EMPTY_CPUSET = "\"cpuset\":{\"cpu_exclusive\":0,\"mem_hardwall\":0,"
            + "\"mem_exclusive\":0,\"memory_migrate\":0,\"memory_spread_page\":0,\"memory_spread_slab\":0,"
            + "\"memory_pressure\":0,\"sched_load_balance\":0,\"sched_relax_domain_level\":0}";

    @Test
    void nothingMeasuredKeepsOnlyWhatRuncAlwaysPrints() {
        CgroupStats none = with(new CgroupStats.Cpu(NO_CPU, new CgroupStats.Throttling(0, 0, 0)), NO_MEMORY,
                new CgroupStats.Pids(0, 0), CgroupStats.Blkio.NONE, Map.of());
        assertEquals("{\"type\":\"stats\",\"id\":\"c1\",\"data\":{\"cpu\":{\"usage\":{\"kernel\":0,\"user\":0},"
                + "\"throttling\":{}}," + EMPTY_CPUSET + "," + EMPTY_MEMORY + ",\"pids\":{},\"blkio\":{},"
                + "\"hugetlb\":{},\"intel_rdt\":{},\"network_interfaces\":null}}", EventsJson.stats("c1", none));
    }

    @Test
    void blkioEntriesHugetlbThrottlingAndUnsignedCountersUseRuncsNames() {
        CgroupStats.Blkio blkio = new CgroupStats.Blkio(
                List.of(new CgroupStats.BlkioEntry(8, 0, "Read", 4096), new CgroupStats.BlkioEntry(8, 0, "Total", 0)),
                List.of(), List.of(new CgroupStats.BlkioEntry(0, 0, "", 3)), List.of(), List.of(), List.of(),
                List.of(), List.of(new CgroupStats.BlkioEntry(253, 1, "", 16)));
        CgroupStats stats = with(new CgroupStats.Cpu(new CgroupStats.CpuUsage(-1, List.of(1L), List.of(2L),
                        List.of(3L), 4, 5), new CgroupStats.Throttling(10, 2, 300)),
                NO_MEMORY, new CgroupStats.Pids(3, 100), blkio,
                Map.of("2MB", new CgroupStats.Hugetlb(2097152, 4194304, 1), "1GB", new CgroupStats.Hugetlb(0, 0, 0)));
        assertEquals("{\"type\":\"stats\",\"id\":\"c1\",\"data\":{"
                + "\"cpu\":{\"usage\":{\"total\":18446744073709551615,\"percpu\":[1],\"percpu_kernel\":[2],"
                + "\"percpu_user\":[3],\"kernel\":4,\"user\":5},"
                + "\"throttling\":{\"periods\":10,\"throttledPeriods\":2,\"throttledTime\":300}},"
                + EMPTY_CPUSET + "," + EMPTY_MEMORY + ",\"pids\":{\"current\":3,\"limit\":100},"
                + "\"blkio\":{\"ioServiceBytesRecursive\":[{\"major\":8,\"op\":\"Read\",\"value\":4096},"
                + "{\"major\":8,\"op\":\"Total\"}],\"ioQueueRecursive\":[{\"value\":3}],"
                + "\"sectorsRecursive\":[{\"major\":253,\"minor\":1,\"value\":16}]},"
                + "\"hugetlb\":{\"1GB\":{\"failcnt\":0},\"2MB\":{\"usage\":2097152,\"max\":4194304,\"failcnt\":1}},"
                + "\"intel_rdt\":{},\"network_interfaces\":null}}", EventsJson.stats("c1", stats));
    }

    @Test
    void psJsonIsAnArrayOrNull() {
        assertEquals("[1,42]", EventsJson.pids(List.of(1, 42)));
        assertEquals("null", EventsJson.pids(List.of()));
    }

    @Test
    void anOomEventHasNoData() {
        org.junit.jupiter.api.Assertions.assertEquals("{\"type\":\"oom\",\"id\":\"web\"}", EventsJson.oom("web"));
    }

    @Test
    void cpusetMemsComeAfterCpuExclusiveAsInRuncsCpuSet() {
        CgroupStats stats = new CgroupStats(new CgroupStats.Cpu(NO_CPU, new CgroupStats.Throttling(0, 0, 0)),
                List.of(0, 1), NO_MEMORY, new CgroupStats.Pids(0, 0), CgroupStats.Blkio.NONE, Map.of(), List.of(0));
        assertEquals(true, EventsJson.stats("c1", stats).contains("\"cpuset\":{\"cpus\":[0,1],\"cpu_exclusive\":0,"
                + "\"mems\":[0],\"mem_hardwall\":0,"), EventsJson.stats("c1", stats));
    }
}
