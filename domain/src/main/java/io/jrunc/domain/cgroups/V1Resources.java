package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.HugepageLimit;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Network;
import io.jrunc.domain.config.Rdma;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.ThrottleDevice;
import io.jrunc.domain.config.WeightDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The cgroup v1 files a spec's resources become, in the order they must be written: each controller in
 * runc's subsystem order, and within memory the limit and memory+swap limit in whichever order the kernel
 * accepts (it refuses a memory limit above memsw, and a memsw limit below memory). Only fields the spec
 * sets are written, so the same plan serves create and update.
 */
final class V1Resources {
    private V1Resources() {
    }

    static List<CgroupWrite> writes(Resources r, FileProbe probe) {
        List<CgroupWrite> out = new ArrayList<>();
        r.cpu().ifPresent(c -> cpuset(c, out));
        r.memory().ifPresent(m -> memory(m, probe, out));
        r.cpu().ifPresent(c -> cpu(c, out));
        r.pids().ifPresent(p -> out.add(new CgroupWrite("pids", "pids.max", p.limit() > 0 ? Long.toString(p.limit()) : "max",
                Fields.PIDS_LIMIT)));
        r.blockIO().ifPresent(b -> blkio(b, probe, out));
        hugetlb(r.hugepageLimits(), ".limit_in_bytes", probe, out);
        r.network().ifPresent(n -> network(n, out));
        rdma(r.rdma(), "rdma", out);
        return out;
    }

    private static void cpuset(Cpu c, List<CgroupWrite> out) {
        c.cpus().filter(s -> !s.isEmpty()).ifPresent(s -> out.add(new CgroupWrite("cpuset", "cpuset.cpus", s, Fields.CPU + ".cpus")));
        c.mems().filter(s -> !s.isEmpty()).ifPresent(s -> out.add(new CgroupWrite("cpuset", "cpuset.mems", s, Fields.CPU + ".mems")));
    }

    private static void memory(Memory m, FileProbe probe, List<CgroupWrite> out) {
        OptionalLong limit = CgroupChecks.set(m.limit());
        OptionalLong swap = CgroupChecks.set(m.swap());
        boolean swapAccounting = probe.has("memory", "memory.memsw.limit_in_bytes");
        if (limit.isPresent() && limit.getAsLong() == -1 && swap.isEmpty() && swapAccounting) {
            // An unlimited memory limit with no word on swap lifts both, as runc does.
            swap = OptionalLong.of(-1);
        }
        CgroupWrite limitWrite = limit.isPresent()
                ? new CgroupWrite("memory", "memory.limit_in_bytes", Long.toString(limit.getAsLong()), Fields.MEMORY + ".limit")
                : null;
        CgroupWrite swapWrite = swap.isPresent()
                ? new CgroupWrite("memory", "memory.memsw.limit_in_bytes", Long.toString(swap.getAsLong()), Fields.MEMORY + ".swap")
                : null;
        if (limitWrite != null && swapWrite != null && swapFirst(swap.getAsLong(), probe)) {
            out.add(swapWrite);
            out.add(limitWrite);
        } else {
            if (limitWrite != null) {
                out.add(limitWrite);
            }
            if (swapWrite != null) {
                out.add(swapWrite);
            }
        }
        CgroupChecks.set(m.reservation()).ifPresent(v -> out.add(new CgroupWrite("memory", "memory.soft_limit_in_bytes",
                Long.toString(v), Fields.MEMORY + ".reservation")));
        // Kernel memory limits went away in Linux 5.16 (runc ignores them); written only where the kernel has them.
        OptionalLong kernel = probe.has("memory", "memory.kmem.limit_in_bytes") ? CgroupChecks.set(m.kernel())
                : OptionalLong.empty();
        kernel.ifPresent(v -> out.add(new CgroupWrite("memory", "memory.kmem.limit_in_bytes", Long.toString(v),
                        Fields.MEMORY + ".kernel")));
        CgroupChecks.set(m.kernelTCP()).ifPresent(v -> out.add(new CgroupWrite("memory", "memory.kmem.tcp.limit_in_bytes",
                Long.toString(v), Fields.MEMORY + ".kernelTCP")));
        m.disableOOMKiller().filter(b -> b).ifPresent(b -> out.add(new CgroupWrite("memory", "memory.oom_control", "1",
                Fields.MEMORY + ".disableOOMKiller")));
        m.swappiness().ifPresent(v -> out.add(new CgroupWrite("memory", "memory.swappiness", Long.toUnsignedString(v),
                Fields.MEMORY + ".swappiness")));
        m.useHierarchy().ifPresent(b -> out.add(new CgroupWrite("memory", "memory.use_hierarchy", b ? "1" : "0",
                Fields.MEMORY + ".useHierarchy")));
    }

    /**
     * Raising the limits needs memsw first (memory may not exceed memsw), lowering them needs memory first:
     * which one it is depends on the limit in force now.
     */
    private static boolean swapFirst(long swap, FileProbe probe) {
        if (swap == -1) {
            return true;
        }
        long current = probe.read("memory", "memory.limit_in_bytes").map(String::trim).map(V1Resources::unsigned)
                .orElse(Long.MAX_VALUE);
        return Long.compareUnsigned(current, swap) < 0;
    }

    private static long unsigned(String s) {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void cpu(Cpu c, List<CgroupWrite> out) {
        String f = Fields.CPU;
        CgroupChecks.set(c.shares()).ifPresent(v -> out.add(new CgroupWrite("cpu", "cpu.shares", Long.toUnsignedString(v), f + ".shares")));
        // The period goes first: a quota is checked against the period in force.
        CgroupChecks.set(c.period()).ifPresent(v -> out.add(new CgroupWrite("cpu", "cpu.cfs_period_us", Long.toUnsignedString(v), f + ".period")));
        CgroupChecks.set(c.quota()).ifPresent(v -> out.add(new CgroupWrite("cpu", "cpu.cfs_quota_us", Long.toString(v), f + ".quota")));
        c.burst().ifPresent(v -> out.add(new CgroupWrite("cpu", "cpu.cfs_burst_us", Long.toUnsignedString(v), f + ".burst")));
        CgroupChecks.set(c.realtimePeriod()).ifPresent(v -> out.add(new CgroupWrite("cpu", "cpu.rt_period_us", Long.toUnsignedString(v), f + ".realtimePeriod")));
        CgroupChecks.set(c.realtimeRuntime()).ifPresent(v -> out.add(new CgroupWrite("cpu", "cpu.rt_runtime_us", Long.toString(v), f + ".realtimeRuntime")));
        c.idle().ifPresent(v -> out.add(new CgroupWrite("cpu", "cpu.idle", Long.toString(v), f + ".idle")));
    }

    private static void blkio(BlockIo b, FileProbe probe, List<CgroupWrite> out) {
        String f = Fields.BLOCK_IO;
        // Kernels with BFQ instead of CFQ name the weight files blkio.bfq.*.
        boolean bfq = !probe.has("blkio", "blkio.weight") && probe.has("blkio", "blkio.bfq.weight");
        String weightFile = bfq ? "blkio.bfq.weight" : "blkio.weight";
        CgroupChecks.set(b.weight()).ifPresent(w -> out.add(new CgroupWrite("blkio", weightFile, Integer.toString(w), f + ".weight")));
        CgroupChecks.set(b.leafWeight()).ifPresent(w -> out.add(new CgroupWrite("blkio", "blkio.leaf_weight", Integer.toString(w), f + ".leafWeight")));
        List<WeightDevice> devices = b.weightDevice();
        for (int i = 0; i < devices.size(); i++) {
            WeightDevice d = devices.get(i);
            String dev = d.major() + ":" + d.minor() + " ";
            String field = f + ".weightDevice[" + i + "]";
            d.weight().ifPresent(w -> out.add(new CgroupWrite("blkio", weightFile + "_device", dev + w, field + ".weight")));
            d.leafWeight().ifPresent(w -> out.add(new CgroupWrite("blkio", "blkio.leaf_weight_device", dev + w, field + ".leafWeight")));
        }
        throttle(b.throttleReadBpsDevice(), "blkio.throttle.read_bps_device", f + ".throttleReadBpsDevice", out);
        throttle(b.throttleWriteBpsDevice(), "blkio.throttle.write_bps_device", f + ".throttleWriteBpsDevice", out);
        throttle(b.throttleReadIOPSDevice(), "blkio.throttle.read_iops_device", f + ".throttleReadIOPSDevice", out);
        throttle(b.throttleWriteIOPSDevice(), "blkio.throttle.write_iops_device", f + ".throttleWriteIOPSDevice", out);
    }

    private static void throttle(List<ThrottleDevice> devices, String file, String field, List<CgroupWrite> out) {
        for (int i = 0; i < devices.size(); i++) {
            ThrottleDevice d = devices.get(i);
            out.add(new CgroupWrite("blkio", file, d.major() + ":" + d.minor() + " " + Long.toUnsignedString(d.rate()),
                    field + "[" + i + "]"));
        }
    }

    private static void network(Network n, List<CgroupWrite> out) {
        n.classID().ifPresent(v -> out.add(new CgroupWrite("net_cls", "net_cls.classid", Long.toUnsignedString(v),
                Fields.NETWORK + ".classID")));
        for (int i = 0; i < n.priorities().size(); i++) {
            var p = n.priorities().get(i);
            out.add(new CgroupWrite("net_prio", "net_prio.ifpriomap", p.name() + " " + p.priority(),
                    Fields.NETWORK + ".priorities[" + i + "]"));
        }
    }

    /** rdma.max has the same form on v1 and v2: "mlx4_0 hca_handle=2 hca_object=2000". */
    /**
     * hugetlb.SIZE{suffix}, and its reservation twin hugetlb.SIZE.rsvd{suffix} (Linux 5.7+) where the host has it,
     * as runc 1.2 does: a limit on faults alone lets a mapping reserve pages it is then killed for using.
     */
    static void hugetlb(List<HugepageLimit> limits, String suffix, FileProbe probe, List<CgroupWrite> out) {
        for (int i = 0; i < limits.size(); i++) {
            HugepageLimit h = limits.get(i);
            String prefix = "hugetlb." + h.pageSize();
            String value = Long.toUnsignedString(h.limit());
            out.add(new CgroupWrite("hugetlb", prefix + suffix, value, Fields.hugepage(i) + ".limit"));
            if (probe.has("hugetlb", prefix + ".rsvd" + suffix)) {
                out.add(new CgroupWrite("hugetlb", prefix + ".rsvd" + suffix, value, Fields.hugepage(i) + ".limit"));
            }
        }
    }

    static void rdma(Map<String, Rdma> rdma, String controller, List<CgroupWrite> out) {
        rdma.forEach((device, limits) -> {
            StringBuilder line = new StringBuilder(device);
            limits.hcaHandles().ifPresent(v -> line.append(" hca_handle=").append(v));
            limits.hcaObjects().ifPresent(v -> line.append(" hca_object=").append(v));
            if (limits.hcaHandles().isPresent() || limits.hcaObjects().isPresent()) {
                out.add(new CgroupWrite(controller, "rdma.max", line.toString(), Fields.RDMA + "[\"" + device + "\"]"));
            }
        });
    }
}
