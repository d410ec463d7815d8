package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.ThrottleDevice;
import io.jrunc.domain.config.WeightDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The cgroup v2 files a spec's resources become, with the conversions runc and crun make from the v1 terms
 * the spec speaks: shares to cpu.weight, quota/period to cpu.max, memory+swap to memory.swap.max (swap
 * alone), blkio weights to io.weight (or io.bfq.weight as is). v1-only settings with no v2 meaning
 * (swappiness, kernel memory, OOM killer switch, hierarchy, leaf weights) are left out, as runc leaves them.
 * {@code unified} goes last, so its raw values win.
 */
final class V2Resources {
    private V2Resources() {
    }

    static List<CgroupWrite> writes(Resources r, FileProbe probe) {
        List<CgroupWrite> out = new ArrayList<>();
        r.cpu().ifPresent(c -> cpuset(c, out));
        r.memory().ifPresent(m -> memory(m, out));
        r.cpu().ifPresent(c -> cpu(c, out));
        r.pids().ifPresent(p -> out.add(new CgroupWrite("pids", "pids.max", p.limit() > 0 ? Long.toString(p.limit()) : "max",
                Fields.PIDS_LIMIT)));
        r.blockIO().ifPresent(b -> io(b, probe, out));
        V1Resources.hugetlb(r.hugepageLimits(), ".max", probe, out);
        V1Resources.rdma(r.rdma(), "rdma", out);
        r.unified().forEach((key, value) -> out.add(new CgroupWrite(key.substring(0, key.indexOf('.')), key, value,
                Fields.unifiedKey(key))));
        return out;
    }

    /** io.weight (1-10000) from a blkio weight (10-1000). */
    static long ioWeight(long blkioWeight) {
        return 1 + ((blkioWeight - 10) * 9999) / 990;
    }

    /** "max" for -1, the number otherwise. */
    private static String limit(long v) {
        return v == -1 ? "max" : Long.toString(v);
    }

    private static void cpuset(Cpu c, List<CgroupWrite> out) {
        c.cpus().filter(s -> !s.isEmpty()).ifPresent(s -> out.add(new CgroupWrite("cpuset", "cpuset.cpus", s, Fields.CPU + ".cpus")));
        c.mems().filter(s -> !s.isEmpty()).ifPresent(s -> out.add(new CgroupWrite("cpuset", "cpuset.mems", s, Fields.CPU + ".mems")));
    }

    private static void memory(Memory m, List<CgroupWrite> out) {
        OptionalLong limit = CgroupChecks.set(m.limit());
        OptionalLong swap = CgroupChecks.set(m.swap());
        String swapMax = null;
        if (limit.isPresent() && limit.getAsLong() == -1 && swap.isEmpty()) {
            swapMax = "max"; // unlimited memory and no word on swap: both unlimited, as on v1
        } else if (swap.isPresent()) {
            // The spec's swap is memory+swap (v1); v2 limits swap alone.
            swapMax = swap.getAsLong() == -1 ? "max" : Long.toString(swap.getAsLong() - limit.orElse(0));
        }
        if (swapMax != null) {
            out.add(new CgroupWrite("memory", "memory.swap.max", swapMax, Fields.MEMORY + ".swap"));
        }
        limit.ifPresent(v -> out.add(new CgroupWrite("memory", "memory.max", limit(v), Fields.MEMORY + ".limit")));
        CgroupChecks.set(m.reservation()).ifPresent(v -> out.add(new CgroupWrite("memory", "memory.low", limit(v),
                Fields.MEMORY + ".reservation")));
    }

    private static void cpu(Cpu c, List<CgroupWrite> out) {
        String f = Fields.CPU;
        CgroupChecks.set(c.shares()).ifPresent(v -> out.add(new CgroupWrite("cpu", "cpu.weight", Long.toString(CpuWeight.fromShares(v)), f + ".shares")));
        c.idle().ifPresent(v -> out.add(new CgroupWrite("cpu", "cpu.idle", Long.toString(v), f + ".idle")));
        c.burst().ifPresent(v -> out.add(new CgroupWrite("cpu", "cpu.max.burst", Long.toUnsignedString(v), f + ".burst")));
        OptionalLong quota = CgroupChecks.set(c.quota());
        OptionalLong period = CgroupChecks.set(c.period());
        if (quota.isPresent() || period.isPresent()) {
            String max = quota.isPresent() && quota.getAsLong() > 0 ? Long.toString(quota.getAsLong()) : "max";
            if (period.isPresent()) {
                max += " " + Long.toUnsignedString(period.getAsLong());
            }
            out.add(new CgroupWrite("cpu", "cpu.max", max, f + (quota.isPresent() ? ".quota" : ".period")));
        }
    }

    private static void io(BlockIo b, FileProbe probe, List<CgroupWrite> out) {
        String f = Fields.BLOCK_IO;
        // With the BFQ scheduler the v1 weight applies as is; otherwise io.weight takes the converted value.
        boolean bfq = probe.has("io", "io.bfq.weight");
        CgroupChecks.set(b.weight()).ifPresent(w -> out.add(bfq
                ? new CgroupWrite("io", "io.bfq.weight", Integer.toString(w), f + ".weight")
                : new CgroupWrite("io", "io.weight", "default " + ioWeight(w), f + ".weight")));
        List<WeightDevice> devices = b.weightDevice();
        for (int i = 0; i < devices.size(); i++) {
            WeightDevice d = devices.get(i);
            String dev = d.major() + ":" + d.minor() + " ";
            String field = f + ".weightDevice[" + i + "].weight";
            CgroupChecks.set(d.weight()).ifPresent(w -> out.add(bfq
                    ? new CgroupWrite("io", "io.bfq.weight", dev + w, field)
                    : new CgroupWrite("io", "io.weight", dev + ioWeight(w), field)));
        }
        throttle(b.throttleReadBpsDevice(), "rbps", f + ".throttleReadBpsDevice", out);
        throttle(b.throttleWriteBpsDevice(), "wbps", f + ".throttleWriteBpsDevice", out);
        throttle(b.throttleReadIOPSDevice(), "riops", f + ".throttleReadIOPSDevice", out);
        throttle(b.throttleWriteIOPSDevice(), "wiops", f + ".throttleWriteIOPSDevice", out);
    }

    private static void throttle(List<ThrottleDevice> devices, String key, String field, List<CgroupWrite> out) {
        for (int i = 0; i < devices.size(); i++) {
            ThrottleDevice d = devices.get(i);
            // A rate of 0 is "no limit" in the spec's v1 terms; io.max spells that "max".
            String rate = d.rate() == 0 ? "max" : Long.toUnsignedString(d.rate());
            out.add(new CgroupWrite("io", "io.max", d.major() + ":" + d.minor() + " " + key + "=" + rate,
                    field + "[" + i + "]"));
        }
    }
}
