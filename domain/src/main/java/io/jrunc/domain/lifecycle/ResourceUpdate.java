package io.jrunc.domain.lifecycle;

import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Resources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BinaryOperator;

/**
 * The resources runc update may change, and how they merge into a container's current ones: a value given
 * replaces the current one, a value left out keeps it. As in runc, update changes only memory (limit,
 * reservation, swap, kernel, kernelTCP, checkBeforeUpdate), cpu (every field), the blkio weight, the pids
 * limit and unified files; devices, hugepage, network, rdma and per-device blkio settings in a
 * {@code --resources} file are left alone, and a pids limit of 0 means "unchanged".
 *
 * @param changes only the fields this update sets
 */
public record ResourceUpdate(Resources changes) {
    /** What {@code requested} asks for that update may change, with runc's fix-up for an unlimited memory. */
    public static ResourceUpdate of(Resources requested) {
        Resources.Builder b = Resources.builder();
        requested.memory().map(ResourceUpdate::updatableMemory).ifPresent(b::memory);
        requested.cpu().ifPresent(b::cpu);
        requested.blockIO().flatMap(io -> io.weight().isPresent() ? Optional.of(weightOnly(io.weight()))
                : Optional.empty()).ifPresent(b::blockIO);
        requested.pids().filter(p -> p.limit() != 0).ifPresent(b::pids);
        b.unified(requested.unified());
        return new ResourceUpdate(b.build());
    }

    public Resources applyTo(Resources current) {
        return new Resources(current.devices(),
                merge(current.memory(), changes.memory(), ResourceUpdate::mergeMemory),
                merge(current.cpu(), changes.cpu(), ResourceUpdate::mergeCpu),
                changes.pids().or(current::pids),
                merge(current.blockIO(), changes.blockIO(), (was, now) -> new BlockIo(or(now.weight(), was.weight()),
                        was.leafWeight(), was.weightDevice(), was.throttleReadBpsDevice(),
                        was.throttleWriteBpsDevice(), was.throttleReadIOPSDevice(), was.throttleWriteIOPSDevice())),
                current.hugepageLimits(), current.network(), current.rdma(), mergeMaps(current.unified(),
                        changes.unified()));
    }

    /** The current values of everything update may change: what runc writes back when an update fails halfway. */
    public static Resources restoring(Resources current) {
        return of(current).changes();
    }

    private static Memory updatableMemory(Memory m) {
        // runc: memory set to unlimited with no swap given means swap unlimited too, as cgroup v1 requires
        // memory.memsw.limit_in_bytes to be at least memory.limit_in_bytes.
        OptionalLong swap = m.limit().isPresent() && m.limit().getAsLong() == -1 && m.swap().isEmpty()
                ? OptionalLong.of(-1) : m.swap();
        return new Memory(m.limit(), m.reservation(), swap, m.kernel(), m.kernelTCP(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), m.checkBeforeUpdate());
    }

    private static BlockIo weightOnly(OptionalInt weight) {
        return new BlockIo(weight, OptionalInt.empty(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static Memory mergeMemory(Memory was, Memory now) {
        return new Memory(or(now.limit(), was.limit()), or(now.reservation(), was.reservation()),
                or(now.swap(), was.swap()), or(now.kernel(), was.kernel()), or(now.kernelTCP(), was.kernelTCP()),
                or(now.swappiness(), was.swappiness()), now.disableOOMKiller().or(was::disableOOMKiller),
                now.useHierarchy().or(was::useHierarchy), now.checkBeforeUpdate().or(was::checkBeforeUpdate));
    }

    private static Cpu mergeCpu(Cpu was, Cpu now) {
        return new Cpu(or(now.shares(), was.shares()), or(now.quota(), was.quota()), or(now.burst(), was.burst()),
                or(now.period(), was.period()), or(now.realtimeRuntime(), was.realtimeRuntime()),
                or(now.realtimePeriod(), was.realtimePeriod()), now.cpus().or(was::cpus), now.mems().or(was::mems),
                or(now.idle(), was.idle()));
    }

    private static <T> Optional<T> merge(Optional<T> was, Optional<T> now, BinaryOperator<T> both) {
        if (was.isPresent() && now.isPresent()) {
            return Optional.of(both.apply(was.get(), now.get()));
        }
        return now.isPresent() ? now : was;
    }

    private static OptionalLong or(OptionalLong now, OptionalLong was) {
        return now.isPresent() ? now : was;
    }

    private static OptionalInt or(OptionalInt now, OptionalInt was) {
        return now.isPresent() ? now : was;
    }

    private static Map<String, String> mergeMaps(Map<String, String> was, Map<String, String> now) {
        Map<String, String> merged = new LinkedHashMap<>(was);
        merged.putAll(now);
        return merged;
    }
}
