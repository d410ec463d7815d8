package io.jrunc.domain.cgroups;

import io.jrunc.domain.cgroups.CgroupStats.BlkioEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A v2 container's statistics in runc's (v1-shaped) terms: microseconds become nanoseconds, memory.swap.*
 * is reported as memory+swap as v1's memsw is, io.stat becomes the serviced and service-bytes lists.
 */
final class V2Stats {
    private V2Stats() {
    }

    static CgroupStats read(FileProbe p) {
        Optional<String> cpus = p.read("cpuset", "cpuset.cpus.effective");
        Optional<String> mems = p.read("cpuset", "cpuset.mems.effective");
        return new CgroupStats(cpu(p), StatFiles.cpuList(cpus.isPresent() ? cpus : p.read("cpuset", "cpuset.cpus")),
                memory(p), pids(p), io(p), hugetlb(p),
                StatFiles.cpuList(mems.isPresent() ? mems : p.read("cpuset", "cpuset.mems")));
    }

    private static CgroupStats.Cpu cpu(FileProbe p) {
        Map<String, Long> stat = StatFiles.keyed(p.read("cpu", "cpu.stat"));
        var usage = new CgroupStats.CpuUsage(stat.getOrDefault("usage_usec", 0L) * 1000, List.of(), List.of(), List.of(),
                stat.getOrDefault("system_usec", 0L) * 1000, stat.getOrDefault("user_usec", 0L) * 1000);
        return new CgroupStats.Cpu(usage, new CgroupStats.Throttling(stat.getOrDefault("nr_periods", 0L),
                stat.getOrDefault("nr_throttled", 0L), stat.getOrDefault("throttled_usec", 0L) * 1000));
    }

    private static CgroupStats.Memory memory(FileProbe p) {
        Map<String, Long> raw = StatFiles.keyed(p.read("memory", "memory.stat"));
        long usage = StatFiles.number(p.read("memory", "memory.current"));
        long limit = StatFiles.number(p.read("memory", "memory.max"));
        long peak = StatFiles.number(p.read("memory", "memory.peak"));
        long failcnt = StatFiles.keyed(p.read("memory", "memory.events")).getOrDefault("max", 0L);
        var memoryEntry = new CgroupStats.MemoryEntry(limit, usage, peak, failcnt);
        CgroupStats.MemoryEntry swap = CgroupStats.MemoryEntry.NONE;
        Optional<String> swapCurrent = p.read("memory", "memory.swap.current");
        if (swapCurrent.isPresent()) {
            long swapLimit = StatFiles.number(p.read("memory", "memory.swap.max"));
            swap = new CgroupStats.MemoryEntry(limit == -1 || swapLimit == -1 ? -1 : limit + swapLimit,
                    usage + StatFiles.number(swapCurrent), 0,
                    StatFiles.keyed(p.read("memory", "memory.swap.events")).getOrDefault("max", 0L));
        }
        return new CgroupStats.Memory(raw.getOrDefault("file", 0L), memoryEntry, swap, CgroupStats.MemoryEntry.NONE,
                CgroupStats.MemoryEntry.NONE, raw);
    }

    private static CgroupStats.Pids pids(FileProbe p) {
        long max = StatFiles.number(p.read("pids", "pids.max"));
        return new CgroupStats.Pids(StatFiles.number(p.read("pids", "pids.current")), max == -1 ? 0 : max);
    }

    /** io.stat lines: "8:0 rbytes=4096 wbytes=0 rios=1 wios=0 dbytes=0 dios=0". */
    private static CgroupStats.Blkio io(FileProbe p) {
        List<BlkioEntry> bytes = new ArrayList<>();
        List<BlkioEntry> serviced = new ArrayList<>();
        for (String line : p.read("io", "io.stat").orElse("").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].contains(":")) {
                continue;
            }
            String[] dev = f[0].split(":");
            long major;
            long minor;
            try {
                major = Long.parseLong(dev[0]);
                minor = Long.parseLong(dev[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            for (int i = 1; i < f.length; i++) {
                String[] kv = f[i].split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                long v = StatFiles.number(Optional.of(kv[1]));
                switch (kv[0]) {
                    case "rbytes" -> bytes.add(new BlkioEntry(major, minor, "Read", v));
                    case "wbytes" -> bytes.add(new BlkioEntry(major, minor, "Write", v));
                    case "dbytes" -> bytes.add(new BlkioEntry(major, minor, "Discard", v));
                    case "rios" -> serviced.add(new BlkioEntry(major, minor, "Read", v));
                    case "wios" -> serviced.add(new BlkioEntry(major, minor, "Write", v));
                    case "dios" -> serviced.add(new BlkioEntry(major, minor, "Discard", v));
                    default -> { }
                }
            }
        }
        return new CgroupStats.Blkio(bytes, serviced, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static Map<String, CgroupStats.Hugetlb> hugetlb(FileProbe p) {
        Map<String, CgroupStats.Hugetlb> out = new HashMap<>();
        for (String size : StatFiles.PAGE_SIZES) {
            Optional<String> current = p.read("hugetlb", "hugetlb." + size + ".current");
            current.ifPresent(c -> out.put(size, new CgroupStats.Hugetlb(StatFiles.number(current), 0,
                    StatFiles.keyed(p.read("hugetlb", "hugetlb." + size + ".events")).getOrDefault("max", 0L))));
        }
        return out;
    }
}
