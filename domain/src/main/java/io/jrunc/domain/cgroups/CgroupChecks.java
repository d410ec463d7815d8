package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.HugepageLimit;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.WeightDevice;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What is refused before any cgroup file is written, so a bad value leaves the host untouched. Each check
 * names the spec field. Some rules hold on one cgroup version only (v2 has no swappiness, no realtime
 * budgets and no net_cls; v1 has no unified files).
 */
final class CgroupChecks {
    private static final Pattern PAGE_SIZE = Pattern.compile("[1-9][0-9]*[KMGTP]B");
    private static final Pattern UNIFIED_KEY = Pattern.compile("[a-z_]+\\.[A-Za-z0-9_.]+");

    private CgroupChecks() {
    }

    static void check(Resources r, boolean v2) {
        r.memory().ifPresent(m -> memory(m, v2));
        r.cpu().ifPresent(c -> cpu(c, v2));
        r.blockIO().ifPresent(CgroupChecks::blockIo);
        hugepages(r.hugepageLimits());
        if (v2 && r.network().isPresent()
                && (r.network().get().classID().isPresent() || !r.network().get().priorities().isEmpty())) {
            throw new CgroupError(Fields.NETWORK, "net_cls and net_prio do not exist on cgroup v2");
        }
        unified(r.unified(), v2);
    }

    /** In runc's config 0 means unset for memory values; so it does here. */
    static OptionalLong set(OptionalLong v) {
        return v.isPresent() && v.getAsLong() != 0 ? v : OptionalLong.empty();
    }

    static java.util.OptionalInt set(java.util.OptionalInt v) {
        return v.isPresent() && v.getAsInt() != 0 ? v : java.util.OptionalInt.empty();
    }

    private static void memory(Memory m, boolean v2) {
        OptionalLong limit = set(m.limit());
        OptionalLong swap = set(m.swap());
        for (var e : Map.of("limit", limit, "swap", swap, "reservation", set(m.reservation())).entrySet()) {
            if (e.getValue().isPresent() && e.getValue().getAsLong() < -1) {
                throw new CgroupError(Fields.MEMORY + "." + e.getKey(), "invalid value " + e.getValue().getAsLong()
                        + ": a byte count or -1 (unlimited)");
            }
        }
        if (swap.isPresent() && swap.getAsLong() > 0 && limit.isPresent() && limit.getAsLong() > 0
                && swap.getAsLong() < limit.getAsLong()) {
            throw new CgroupError(Fields.MEMORY + ".swap", "memory+swap limit (" + swap.getAsLong()
                    + ") should be >= memory limit (" + limit.getAsLong() + ")");
        }
        if (v2 && swap.isPresent() && swap.getAsLong() > 0 && (limit.isEmpty() || limit.getAsLong() == -1)) {
            throw new CgroupError(Fields.MEMORY + ".swap", "unable to set swap limit without memory limit");
        }
        if (m.swappiness().isPresent()) {
            long s = m.swappiness().getAsLong();
            if (s < 0 || s > 100) {
                throw new CgroupError(Fields.MEMORY + ".swappiness", "invalid value: " + Long.toUnsignedString(s)
                        + ", valid memory swappiness range is 0-100");
            }
        }
    }

    private static void cpu(Cpu c, boolean v2) {
        if (c.idle().isPresent() && c.idle().getAsLong() != 0 && c.idle().getAsLong() != 1) {
            throw new CgroupError(Fields.CPU + ".idle", "invalid value " + c.idle().getAsLong() + ": 0 or 1");
        }
        if (c.quota().isPresent() && c.quota().getAsLong() < -1) {
            throw new CgroupError(Fields.CPU + ".quota", "invalid value " + c.quota().getAsLong()
                    + ": microseconds or -1 (unlimited)");
        }
        if (!v2) {
            return;
        }
        boolean shares = c.shares().isPresent() && c.shares().getAsLong() != 0;
        if (c.idle().isPresent() && c.idle().getAsLong() == 1 && shares) {
            throw new CgroupError(Fields.CPU + ".idle", "cannot be set together with " + Fields.CPU
                    + ".shares on cgroup v2: an idle cgroup has no weight");
        }
        if (shares && (Long.compareUnsigned(c.shares().getAsLong(), 2) < 0
                || Long.compareUnsigned(c.shares().getAsLong(), 262144) > 0)) {
            throw new CgroupError(Fields.CPU + ".shares", "invalid value " + Long.toUnsignedString(c.shares().getAsLong())
                    + ": cgroup v2's cpu.weight is converted from shares in the range 2-262144");
        }
        if (set(c.realtimeRuntime()).isPresent() || set(c.realtimePeriod()).isPresent()) {
            throw new CgroupError(Fields.CPU + (set(c.realtimeRuntime()).isPresent() ? ".realtimeRuntime" : ".realtimePeriod"),
                    "realtime CPU budgets do not exist on cgroup v2");
        }
    }

    private static void blockIo(BlockIo b) {
        b.weight().ifPresent(w -> weight(Fields.BLOCK_IO + ".weight", w));
        b.leafWeight().ifPresent(w -> weight(Fields.BLOCK_IO + ".leafWeight", w));
        List<WeightDevice> devices = b.weightDevice();
        for (int i = 0; i < devices.size(); i++) {
            String field = Fields.BLOCK_IO + ".weightDevice[" + i + "]";
            devices.get(i).weight().ifPresent(w -> weight(field + ".weight", w));
            devices.get(i).leafWeight().ifPresent(w -> weight(field + ".leafWeight", w));
        }
    }

    private static void weight(String field, int w) {
        // 0 leaves the weight as it is, as in runc.
        if (w != 0 && (w < 10 || w > 1000)) {
            throw new CgroupError(field, "invalid value " + w + ": a block I/O weight is 10-1000");
        }
    }

    private static void hugepages(List<HugepageLimit> limits) {
        for (int i = 0; i < limits.size(); i++) {
            if (!PAGE_SIZE.matcher(limits.get(i).pageSize()).matches()) {
                throw new CgroupError(Fields.hugepage(i) + ".pageSize", "\"" + limits.get(i).pageSize()
                        + "\" is not a page size such as 2MB or 1GB");
            }
        }
    }

    private static void unified(Map<String, String> unified, boolean v2) {
        if (unified.isEmpty()) {
            return;
        }
        if (!v2) {
            throw new CgroupError(Fields.UNIFIED, "invalid configuration: cannot use unified on cgroup v1");
        }
        for (String key : unified.keySet()) {
            if (key.contains("/")) {
                throw new CgroupError(Fields.unifiedKey(key), "unified resource \"" + key
                        + "\" must be a file name (no slashes)");
            }
            if (!UNIFIED_KEY.matcher(key).matches()) {
                throw new CgroupError(Fields.unifiedKey(key), "unified resource \"" + key
                        + "\" must be in the form CONTROLLER.PARAMETER");
            }
            if (key.startsWith("cgroup.") && (key.equals("cgroup.procs") || key.equals("cgroup.threads")
                    || key.equals("cgroup.subtree_control") || key.equals("cgroup.freeze") || key.equals("cgroup.kill"))) {
                throw new CgroupError(Fields.unifiedKey(key), "unified resource \"" + key
                        + "\" is the runtime's to manage, not a resource");
            }
        }
    }
}
