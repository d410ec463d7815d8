package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupStats;
import java.util.List;
import java.util.Map;

/** Stats as a small container's cgroup v1 reports them. */
final class CgroupStatsSamples {
    private CgroupStatsSamples() {
    }

    static CgroupStats small() {
        return new CgroupStats(
                new CgroupStats.Cpu(new CgroupStats.CpuUsage(5_000_000, List.of(3_000_000L, 2_000_000L), List.of(),
                        List.of(), 1_000_000, 4_000_000), new CgroupStats.Throttling(0, 0, 0)),
                List.of(0, 1),
                new CgroupStats.Memory(4096, new CgroupStats.MemoryEntry(67108864, 1048576, 2097152, 0),
                        CgroupStats.MemoryEntry.NONE, CgroupStats.MemoryEntry.NONE, CgroupStats.MemoryEntry.NONE,
                        Map.of("rss", 1040384L)),
                new CgroupStats.Pids(1, 0),
                CgroupStats.Blkio.NONE,
                Map.of());
    }
}
