package io.jrunc.domain.runtime;

import io.jrunc.domain.config.Clock;
import io.jrunc.domain.config.CpuList;
import io.jrunc.domain.config.ExecCpuAffinity;
import io.jrunc.domain.config.IoPriority;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.MemoryPolicy;
import io.jrunc.domain.config.MemoryPolicyFlag;
import io.jrunc.domain.config.Personality;
import io.jrunc.domain.config.PersonalityDomain;
import io.jrunc.domain.config.Process;
import io.jrunc.domain.config.Scheduler;
import io.jrunc.domain.config.SchedulerFlag;
import io.jrunc.domain.config.TimeOffset;
import io.jrunc.ports.model.SchedAttr;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The process and platform fields of runtime-spec 1.2/1.3 in the kernel's numbers: what the init sets on itself
 * for the user's program to inherit (personality, I/O priority, scheduler, NUMA memory policy, CPU affinity), and
 * the clock offsets of a new time namespace.
 *
 * @param initialCpus execCPUAffinity.initial: the init's CPUs from the moment it is in its cgroup
 * @param finalCpus   execCPUAffinity.final: the CPUs the user's program starts on
 * @param timeOffsets what /proc/[tid]/timens_offsets takes ("monotonic S N" lines), empty without offsets
 * @param netDevices  linux.netDevices: each host link to move into the container's network namespace, by its
 *                    host name, with its name there
 */
public record PlatformSpec(OptionalLong personality, OptionalInt ioPriority, Optional<SchedAttr> scheduler,
                           Optional<MemoryPolicySpec> memoryPolicy, Optional<Set<Integer>> initialCpus,
                           Optional<Set<Integer>> finalCpus, Optional<String> timeOffsets,
                           Map<String, String> netDevices) {
    public static final PlatformSpec NONE = new PlatformSpec(OptionalLong.empty(), OptionalInt.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    /** Without net devices. */
    public PlatformSpec(OptionalLong personality, OptionalInt ioPriority, Optional<SchedAttr> scheduler,
                        Optional<MemoryPolicySpec> memoryPolicy, Optional<Set<Integer>> initialCpus,
                        Optional<Set<Integer>> finalCpus, Optional<String> timeOffsets) {
        this(personality, ioPriority, scheduler, memoryPolicy, initialCpus, finalCpus, timeOffsets, Map.of());
    }

    /** personality(2)'s PER_LINUX32: uname says i686 on x86-64. */
    public static final long PER_LINUX32 = 0x0008;

    /** set_mempolicy's mode (with its MPOL_F_* flags) and nodes. */
    public record MemoryPolicySpec(int mode, Set<Integer> nodes) {
        public MemoryPolicySpec {
            nodes = Set.copyOf(nodes);
        }
    }

    public PlatformSpec {
        java.util.Objects.requireNonNull(personality, "personality");
        java.util.Objects.requireNonNull(ioPriority, "ioPriority");
        java.util.Objects.requireNonNull(scheduler, "scheduler");
        java.util.Objects.requireNonNull(memoryPolicy, "memoryPolicy");
        java.util.Objects.requireNonNull(initialCpus, "initialCpus");
        java.util.Objects.requireNonNull(finalCpus, "finalCpus");
        java.util.Objects.requireNonNull(timeOffsets, "timeOffsets");
        netDevices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(netDevices));
    }

    /** From a validated spec. */
    static PlatformSpec of(Process p, Linux linux) {
        Optional<ExecCpuAffinity> affinity = p.execCPUAffinity();
        return new PlatformSpec(
                linux.personality().map(PlatformSpec::persona).map(OptionalLong::of).orElse(OptionalLong.empty()),
                p.ioPriority().map(PlatformSpec::ioprio).map(OptionalInt::of).orElse(OptionalInt.empty()),
                p.scheduler().map(PlatformSpec::attr),
                linux.memoryPolicy().map(PlatformSpec::policy),
                affinity.flatMap(ExecCpuAffinity::initial).filter(s -> !s.isBlank()).flatMap(CpuList::parse),
                affinity.flatMap(ExecCpuAffinity::finalAffinity).filter(s -> !s.isBlank()).flatMap(CpuList::parse),
                offsets(linux.timeOffsets()), netDevices(linux));
    }

    /** A device keeps its host name where the config gives it no other. */
    private static Map<String, String> netDevices(Linux linux) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        linux.netDevices().forEach((host, device) -> out.put(host, device.name().filter(n -> !n.isEmpty()).orElse(host)));
        return out;
    }

    /** Flags have no values in the spec yet (runc warns and leaves them out): the domain alone. */
    private static long persona(Personality p) {
        return p.domain() == PersonalityDomain.LINUX32 ? PER_LINUX32 : 0;
    }

    /** ioprio.h: IOPRIO_PRIO_VALUE(class, data) = class << 13 | data; RT 1, BE 2, IDLE 3. */
    private static int ioprio(IoPriority io) {
        int ioClass = switch (io.ioClass()) {
            case RT -> 1;
            case BE -> 2;
            case IDLE -> 3;
        };
        return ioClass << 13 | io.priority();
    }

    private static SchedAttr attr(Scheduler s) {
        int policy = switch (s.policy()) {
            case OTHER -> SchedAttr.SCHED_OTHER;
            case FIFO -> SchedAttr.SCHED_FIFO;
            case RR -> SchedAttr.SCHED_RR;
            case BATCH -> SchedAttr.SCHED_BATCH;
            case ISO -> 4; // reserved in uapi/linux/sched.h, implemented by no mainline kernel
            case IDLE -> SchedAttr.SCHED_IDLE;
            case DEADLINE -> SchedAttr.SCHED_DEADLINE;
        };
        long flags = 0;
        for (SchedulerFlag f : s.flags()) {
            flags |= switch (f) {
                case RESET_ON_FORK -> 0x01;
                case RECLAIM -> 0x02;
                case DL_OVERRUN -> 0x04;
                case KEEP_POLICY -> 0x08;
                case KEEP_PARAMS -> 0x10;
                case UTIL_CLAMP_MIN -> 0x20;
                case UTIL_CLAMP_MAX -> 0x40;
            };
        }
        return new SchedAttr(policy, flags, s.nice(), s.priority(), s.runtime(), s.deadline(), s.period());
    }

    /** uapi/linux/mempolicy.h: the mode, or'ed with its flags. */
    private static MemoryPolicySpec policy(MemoryPolicy m) {
        int mode = switch (m.mode()) {
            case DEFAULT -> 0;
            case PREFERRED -> 1;
            case BIND -> 2;
            case INTERLEAVE -> 3;
            case LOCAL -> 4;
            case PREFERRED_MANY -> 5;
            case WEIGHTED_INTERLEAVE -> 6;
        };
        for (MemoryPolicyFlag f : m.flags()) {
            mode |= switch (f) {
                case STATIC_NODES -> 1 << 15;
                case RELATIVE_NODES -> 1 << 14;
                case NUMA_BALANCING -> 1 << 13;
            };
        }
        return new MemoryPolicySpec(mode, CpuList.parse(m.nodes()).orElse(Set.of()));
    }

    /** One line per clock, as the kernel reads timens_offsets: "monotonic SECS NANOSECS". */
    private static Optional<String> offsets(Map<Clock, TimeOffset> offsets) {
        if (offsets.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        offsets.forEach((clock, o) -> text.append(clock.spec()).append(' ').append(o.secs()).append(' ')
                .append(o.nanosecs()).append('\n'));
        return Optional.of(text.toString());
    }
}
