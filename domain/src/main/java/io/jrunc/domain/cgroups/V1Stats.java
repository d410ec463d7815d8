package io.jrunc.domain.cgroups;

import io.jrunc.domain.cgroups.CgroupStats.BlkioEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A v1 container's statistics, from the files runc's fs manager reads. */
final class V1Stats {
    /** cpuacct.stat counts USER_HZ ticks, 100 a second on every Linux ABI. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    private V1Stats() {
    }

    static CgroupStats read(FileProbe p) {
        return new CgroupStats(cpu(p), StatFiles.cpuList(p.read("cpuset", "cpuset.cpus")), memory(p), pids(p), blkio(p),
                hugetlb(p), StatFiles.cpuList(p.read("cpuset", "cpuset.mems")));
    }

    private static CgroupStats.Cpu cpu(FileProbe p) {
        Map<String, Long> ticks = StatFiles.keyed(p.read("cpuacct", "cpuacct.stat"));
        var usage = new CgroupStats.CpuUsage(StatFiles.number(p.read("cpuacct", "cpuacct.usage")),
                StatFiles.numbers(p.read("cpuacct", "cpuacct.usage_percpu")),
                StatFiles.numbers(p.read("cpuacct", "cpuacct.usage_percpu_sys")),
                StatFiles.numbers(p.read("cpuacct", "cpuacct.usage_percpu_user")),
                ticks.getOrDefault("system", 0L) * NANOS_PER_TICK, ticks.getOrDefault("user", 0L) * NANOS_PER_TICK);
        Map<String, Long> stat = StatFiles.keyed(p.read("cpu", "cpu.stat"));
        return new CgroupStats.Cpu(usage, new CgroupStats.Throttling(stat.getOrDefault("nr_periods", 0L),
                stat.getOrDefault("nr_throttled", 0L), stat.getOrDefault("throttled_time", 0L)));
    }

    private static CgroupStats.Memory memory(FileProbe p) {
        Map<String, Long> raw = StatFiles.keyed(p.read("memory", "memory.stat"));
        return new CgroupStats.Memory(raw.getOrDefault("cache", 0L), entry(p, "memory."), entry(p, "memory.memsw."),
                entry(p, "memory.kmem."), entry(p, "memory.kmem.tcp."), raw);
    }

    private static CgroupStats.MemoryEntry entry(FileProbe p, String prefix) {
        Optional<String> usage = p.read("memory", prefix + "usage_in_bytes");
        if (usage.isEmpty()) {
            return CgroupStats.MemoryEntry.NONE;
        }
        return new CgroupStats.MemoryEntry(StatFiles.number(p.read("memory", prefix + "limit_in_bytes")),
                StatFiles.number(usage), StatFiles.number(p.read("memory", prefix + "max_usage_in_bytes")),
                StatFiles.number(p.read("memory", prefix + "failcnt")));
    }

    private static CgroupStats.Pids pids(FileProbe p) {
        long max = StatFiles.number(p.read("pids", "pids.max"));
        return new CgroupStats.Pids(StatFiles.number(p.read("pids", "pids.current")), max == -1 ? 0 : max);
    }

    private static CgroupStats.Blkio blkio(FileProbe p) {
        List<BlkioEntry> serviced = entries(p, "blkio.io_serviced_recursive");
        List<BlkioEntry> bytes = entries(p, "blkio.io_service_bytes_recursive");
        if (serviced.isEmpty()) {
            // Without CFQ (or BFQ) only the throttling layer counts I/O.
            serviced = entries(p, "blkio.throttle.io_serviced");
            bytes = entries(p, "blkio.throttle.io_service_bytes");
        }
        return new CgroupStats.Blkio(bytes, serviced, entries(p, "blkio.io_queued_recursive"),
                entries(p, "blkio.io_service_time_recursive"), entries(p, "blkio.io_wait_time_recursive"),
                entries(p, "blkio.io_merged_recursive"), entries(p, "blkio.time_recursive"),
                entries(p, "blkio.sectors_recursive"));
    }

    /** "8:0 Read 4096" lines, or "8:0 123" for time and sectors; the "Total" line is not per device. */
    private static List<BlkioEntry> entries(FileProbe p, String file) {
        List<BlkioEntry> out = new ArrayList<>();
        for (String line : p.read("blkio", file).orElse("").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].contains(":")) {
                continue;
            }
            String[] dev = f[0].split(":");
            try {
                long major = Long.parseLong(dev[0]);
                long minor = Long.parseLong(dev[1]);
                if (f.length == 3) {
                    out.add(new BlkioEntry(major, minor, f[1], StatFiles.number(Optional.of(f[2]))));
                } else {
                    out.add(new BlkioEntry(major, minor, "", StatFiles.number(Optional.of(f[1]))));
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // not a device line
            }
        }
        return out;
    }

    private static Map<String, CgroupStats.Hugetlb> hugetlb(FileProbe p) {
        Map<String, CgroupStats.Hugetlb> out = new HashMap<>();
        for (String size : StatFiles.PAGE_SIZES) {
            Optional<String> usage = p.read("hugetlb", "hugetlb." + size + ".usage_in_bytes");
            usage.ifPresent(u -> out.put(size, new CgroupStats.Hugetlb(StatFiles.number(usage),
                    StatFiles.number(p.read("hugetlb", "hugetlb." + size + ".max_usage_in_bytes")),
                    StatFiles.number(p.read("hugetlb", "hugetlb." + size + ".failcnt")))));
        }
        return out;
    }
}
