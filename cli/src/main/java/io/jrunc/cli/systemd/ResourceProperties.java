package io.jrunc.cli.systemd;

import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.CpuWeight;
import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Resources;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * The unit properties runc's systemd driver sets for a container's resources, on a cgroup v1 or v2 host, and
 * the resources left for the cgroupfs driver to write (everything, with the CPU quota rounded as systemd
 * rounds it). Settings systemd has no property for are written by cgroupfs only.
 */
final class ResourceProperties {
    /** systemd's USEC_INFINITY / CGROUP_LIMIT_MAX: "no limit" for every uint64 property here. */
    static final UInt64 INFINITY = new UInt64(new BigInteger("18446744073709551615"));
    static final long DEFAULT_CPU_PERIOD = 100_000;
    static final int CPU_QUOTA_PERIOD_SINCE = 242;
    static final int ALLOWED_CPUS_SINCE = 244;
    static final int CPU_IDLE_SINCE = 252;

    private final boolean unified;
    private final int systemdVersion;
    private final List<UnitProperty> properties = new ArrayList<>();

    /** What to send to systemd and what to write to cgroupfs after it. */
    record Translation(List<UnitProperty> properties, Resources forCgroupfs) {
        Translation {
            properties = List.copyOf(properties);
        }
    }

    private ResourceProperties(boolean unified, int systemdVersion) {
        this.unified = unified;
        this.systemdVersion = systemdVersion;
    }

    /**
     * @param unified        the host is cgroup v2 only (a hybrid host counts as v1, as in runc)
     * @param systemdVersion as {@link SystemdBus#version()} reads it; -1 when unknown
     */
    static Translation of(Resources resources, boolean unified, int systemdVersion) {
        ResourceProperties t = new ResourceProperties(unified, systemdVersion);
        Optional<Cpu> cpu = resources.cpu().map(t::cpu);
        if (unified) {
            resources.memory().ifPresent(t::memoryV2);
        } else {
            resources.memory().ifPresent(m -> m.limit().ifPresent(v -> {
                if (v != 0) {
                    t.add("MemoryLimit", v);
                }
            }));
            resources.blockIO().flatMap(b -> b.weight().isPresent() ? Optional.of(b) : Optional.empty())
                    .ifPresent(t::blockIoWeightV1);
        }
        resources.pids().ifPresent(t::pids);
        if (unified) {
            t.unifiedFiles(resources.unified());
        }
        Resources forCgroupfs = cpu.equals(resources.cpu()) ? resources
                : new Resources(resources.devices(), resources.memory(), cpu, resources.pids(), resources.blockIO(),
                        resources.hugepageLimits(), resources.network(), resources.rdma(), resources.unified());
        return new Translation(t.properties, forCgroupfs);
    }

    /** Properties only a new unit takes: {@code memory.oom.group} becomes the unit's OOMPolicy. */
    static List<UnitProperty> atStart(Resources resources, boolean unified) {
        String group = resources.unified().get("memory.oom.group");
        if (!unified || group == null) {
            return List.of();
        }
        switch (group.strip()) {
            case "0":
                return List.of(new UnitProperty("OOMPolicy", new Variant<>("continue")));
            case "1":
                return List.of(new UnitProperty("OOMPolicy", new Variant<>("kill")));
            default:
                return List.of();
        }
    }

    private void memoryV2(Memory memory) {
        long limit = memory.limit().orElse(0);
        if (limit != 0) {
            add("MemoryMax", limit);
        }
        memory.reservation().ifPresent(v -> {
            if (v != 0) {
                add("MemoryLow", v);
            }
        });
        long swap = swapV2(memory.swap().orElse(0), limit);
        if (swap != 0) {
            add("MemorySwapMax", swap);
        }
    }

    /** cgroup v2 limits swap alone; the spec's swap is memory+swap, as v1 had it. */
    private static long swapV2(long memorySwap, long memory) {
        String field = "linux.resources.memory.swap";
        if (memory == -1 && memorySwap == 0) {
            return -1;
        }
        if (memorySwap == -1 || memorySwap == 0) {
            return memorySwap;
        }
        if (memory == 0 || memory == -1) {
            throw new CgroupError(field, "unable to set swap limit without memory limit");
        }
        if (memory < 0) {
            throw new CgroupError("linux.resources.memory.limit", "invalid memory value: " + memory);
        }
        if (memorySwap < memory) {
            throw new CgroupError(field, "memory+swap limit should be >= memory limit");
        }
        return memorySwap - memory;
    }

    /** Adds the CPU properties; returns the cpu settings with the quota systemd will really apply. */
    private Cpu cpu(Cpu cpu) {
        boolean idle = unified && cpu.idle().orElse(0) == 1 && systemdVersion >= CPU_IDLE_SINCE;
        if (idle) {
            // systemd sets cpu.idle=1 for CPUWeight=0; a weight would undo it, so the idle wins.
            add("CPUWeight", 0L);
        }
        long shares = cpu.shares().orElse(0);
        if (shares != 0 && !idle) {
            if (unified) {
                add("CPUWeight", CpuWeight.fromShares(shares));
            } else {
                add("CPUShares", shares);
            }
        }
        OptionalLong quota = cpuQuota(cpu.quota().orElse(0), cpu.period().orElse(0));
        cpuset(cpu.cpus(), "AllowedCPUs", "linux.resources.cpu.cpus");
        cpuset(cpu.mems(), "AllowedMemoryNodes", "linux.resources.cpu.mems");
        if (quota.isEmpty()) {
            return cpu;
        }
        return new Cpu(cpu.shares(), quota, cpu.burst(), cpu.period(), cpu.realtimeRuntime(), cpu.realtimePeriod(),
                cpu.cpus(), cpu.mems(), cpu.idle());
    }

    /**
     * CPUQuotaPerSecUSec, and CPUQuotaPeriodUSec where systemd knows it. systemd keeps the quota as a whole
     * percentage of a CPU, so a quota that is not a multiple of 10ms per second is rounded up, and the
     * rounded quota is the one written to cgroupfs too; returns it when it changed.
     */
    private OptionalLong cpuQuota(long quota, long period) {
        if (period != 0 && systemdVersion >= CPU_QUOTA_PERIOD_SINCE) {
            add("CPUQuotaPeriodUSec", period);
        }
        if (quota == 0 && period == 0) {
            return OptionalLong.empty();
        }
        if (quota <= 0) {
            properties.add(new UnitProperty("CPUQuotaPerSecUSec", new Variant<>(INFINITY)));
            return OptionalLong.empty();
        }
        long effectivePeriod = period == 0 ? DEFAULT_CPU_PERIOD : period;
        BigInteger perSecond = BigInteger.valueOf(quota).multiply(BigInteger.valueOf(1_000_000))
                .divide(new BigInteger(Long.toUnsignedString(effectivePeriod)));
        BigInteger step = BigInteger.valueOf(10_000);
        if (perSecond.mod(step).signum() == 0) {
            properties.add(new UnitProperty("CPUQuotaPerSecUSec", new Variant<>(new UInt64(perSecond))));
            return OptionalLong.empty();
        }
        BigInteger rounded = perSecond.divide(step).add(BigInteger.ONE).multiply(step);
        properties.add(new UnitProperty("CPUQuotaPerSecUSec", new Variant<>(new UInt64(rounded))));
        return OptionalLong.of(rounded.multiply(new BigInteger(Long.toUnsignedString(effectivePeriod)))
                .divide(BigInteger.valueOf(1_000_000)).longValue());
    }

    private void cpuset(Optional<String> list, String property, String field) {
        if (list.isEmpty() || list.get().isEmpty() || systemdVersion < ALLOWED_CPUS_SINCE) {
            return;
        }
        properties.add(new UnitProperty(property, new Variant<>(bits(list.get(), field))));
    }

    private static byte[] bits(String list, String field) {
        try {
            return CpuMask.toBits(list);
        } catch (IllegalArgumentException e) {
            throw new CgroupError(field, "\"" + list + "\" conversion error: " + e.getMessage(), e);
        }
    }

    private void blockIoWeightV1(BlockIo blockIo) {
        int weight = blockIo.weight().getAsInt();
        if (weight != 0) {
            add("BlockIOWeight", weight);
        }
    }

    private void pids(Pids pids) {
        if (pids.limit() > 0 || pids.limit() == -1) {
            add("TasksMax", pids.limit());
        }
    }

    /** Raw cgroup v2 files that systemd has a property for; the rest is for cgroupfs alone. */
    private void unifiedFiles(Map<String, String> files) {
        String field = "linux.resources.unified";
        boolean idle = "1".equals(files.getOrDefault("cpu.idle", "").strip()) && systemdVersion >= CPU_IDLE_SINCE;
        for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
            String key = file.getKey();
            String value = file.getValue().strip();
            if (key.contains("/")) {
                throw new CgroupError(field, "unified resource \"" + key + "\" must be a file name (no slashes)");
            }
            if (key.indexOf('.') <= 0) {
                throw new CgroupError(field, "unified resource \"" + key
                        + "\" must be in the form CONTROLLER.PARAMETER");
            }
            switch (key) {
                case "cpu.idle":
                    if (idle) {
                        add("CPUWeight", 0L);
                    }
                    break;
                case "cpu.max":
                    unifiedCpuMax(key, value);
                    break;
                case "cpu.weight":
                    if (!idle) {
                        add("CPUWeight", unsigned(key, value));
                    }
                    break;
                case "cpuset.cpus":
                    cpuset(Optional.of(value), "AllowedCPUs", field + ".cpuset.cpus");
                    break;
                case "cpuset.mems":
                    cpuset(Optional.of(value), "AllowedMemoryNodes", field + ".cpuset.mems");
                    break;
                case "memory.high":
                    addLimit("MemoryHigh", key, value);
                    break;
                case "memory.low":
                    addLimit("MemoryLow", key, value);
                    break;
                case "memory.min":
                    addLimit("MemoryMin", key, value);
                    break;
                case "memory.max":
                    addLimit("MemoryMax", key, value);
                    break;
                case "memory.swap.max":
                    addLimit("MemorySwapMax", key, value);
                    break;
                case "pids.max":
                    addLimit("TasksMax", key, value);
                    break;
                default:
                    // No property (memory.oom.group went in at the start): cgroupfs writes it.
                    break;
            }
        }
    }

    private void unifiedCpuMax(String key, String value) {
        String[] fields = value.split("\\s+");
        if (value.isEmpty() || fields.length > 2) {
            throw new CgroupError("linux.resources.unified", "unified resource \"" + key + "\" value invalid: \""
                    + value + "\"");
        }
        long quota = fields[0].equals("max") ? 0 : signed(key, fields[0]);
        long period = fields.length == 2 ? unsigned(key, fields[1]) : DEFAULT_CPU_PERIOD;
        cpuQuota(quota, period);
    }

    private void addLimit(String property, String key, String value) {
        if (value.equals("max")) {
            properties.add(new UnitProperty(property, new Variant<>(INFINITY)));
        } else {
            add(property, unsigned(key, value));
        }
    }

    private static long unsigned(String key, String value) {
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new CgroupError("linux.resources.unified", "unified resource \"" + key
                    + "\" value conversion error: " + value, e);
        }
    }

    private static long signed(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CgroupError("linux.resources.unified", "unified resource \"" + key
                    + "\" value conversion error: " + value, e);
        }
    }

    /** A uint64 property ({@code t}); -1 is "no limit", which systemd spells as the largest uint64. */
    private void add(String name, long value) {
        UInt64 v = value == -1 ? INFINITY : new UInt64(new BigInteger(Long.toUnsignedString(value)));
        properties.add(new UnitProperty(name, new Variant<>(v)));
    }
}
