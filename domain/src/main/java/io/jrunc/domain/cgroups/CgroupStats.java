package io.jrunc.domain.cgroups;

import java.util.List;
import java.util.Map;

/**
 * A container's resource usage, shaped as runc's {@code events --stats} data (libcontainer's types.Stats), so
 * the CLI writes it out field for field. Counters the host does not offer are zero or empty, as in runc.
 */
public record CgroupStats(Cpu cpu, List<Integer> cpusetCpus, Memory memory, Pids pids, Blkio blkio,
                          Map<String, Hugetlb> hugetlb, List<Integer> cpusetMems) {
    public CgroupStats {
        cpusetCpus = List.copyOf(cpusetCpus);
        hugetlb = Map.copyOf(hugetlb);
        cpusetMems = List.copyOf(cpusetMems);
    }

    /** Without memory nodes (none read). */
    public CgroupStats(Cpu cpu, List<Integer> cpusetCpus, Memory memory, Pids pids, Blkio blkio,
                       Map<String, Hugetlb> hugetlb) {
        this(cpu, cpusetCpus, memory, pids, blkio, hugetlb, List.of());
    }

    /** Nanoseconds of CPU time. */
    public record Cpu(CpuUsage usage, Throttling throttling) {
    }

    public record CpuUsage(long total, List<Long> perCpu, List<Long> perCpuKernel, List<Long> perCpuUser,
                           long kernel, long user) {
        public CpuUsage {
            perCpu = List.copyOf(perCpu);
            perCpuKernel = List.copyOf(perCpuKernel);
            perCpuUser = List.copyOf(perCpuUser);
        }
    }

    public record Throttling(long periods, long throttledPeriods, long throttledTime) {
    }

    /** Bytes; {@code raw} is memory.stat as the kernel writes it. */
    public record Memory(long cache, MemoryEntry usage, MemoryEntry swap, MemoryEntry kernel, MemoryEntry kernelTcp,
                         Map<String, Long> raw) {
        public Memory {
            raw = Map.copyOf(raw);
        }
    }

    public record MemoryEntry(long limit, long usage, long max, long failcnt) {
        public static final MemoryEntry NONE = new MemoryEntry(0, 0, 0, 0);
    }

    /** {@code limit} 0 means unlimited, as runc prints it. */
    public record Pids(long current, long limit) {
    }

    public record Blkio(List<BlkioEntry> ioServiceBytesRecursive, List<BlkioEntry> ioServicedRecursive,
                        List<BlkioEntry> ioQueuedRecursive, List<BlkioEntry> ioServiceTimeRecursive,
                        List<BlkioEntry> ioWaitTimeRecursive, List<BlkioEntry> ioMergedRecursive,
                        List<BlkioEntry> ioTimeRecursive, List<BlkioEntry> sectorsRecursive) {
        public static final Blkio NONE = new Blkio(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());

        public Blkio {
            ioServiceBytesRecursive = List.copyOf(ioServiceBytesRecursive);
            ioServicedRecursive = List.copyOf(ioServicedRecursive);
            ioQueuedRecursive = List.copyOf(ioQueuedRecursive);
            ioServiceTimeRecursive = List.copyOf(ioServiceTimeRecursive);
            ioWaitTimeRecursive = List.copyOf(ioWaitTimeRecursive);
            ioMergedRecursive = List.copyOf(ioMergedRecursive);
            ioTimeRecursive = List.copyOf(ioTimeRecursive);
            sectorsRecursive = List.copyOf(sectorsRecursive);
        }
    }

    /** {@code op} is "Read", "Write", "Sync", "Async", "Discard", "Total" or "" as runc names them. */
    public record BlkioEntry(long major, long minor, String op, long value) {
    }

    public record Hugetlb(long usage, long max, long failcnt) {
    }
}
