package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/** Memory cgroup limits in bytes (-1 means unlimited); {@code swappiness} is uint64. */
public record Memory(OptionalLong limit, OptionalLong reservation, OptionalLong swap, OptionalLong kernel,
                     OptionalLong kernelTCP, OptionalLong swappiness, Optional<Boolean> disableOOMKiller,
                     Optional<Boolean> useHierarchy, Optional<Boolean> checkBeforeUpdate) {
    public Memory {
        requireNonNull(limit, "limit");
        requireNonNull(reservation, "reservation");
        requireNonNull(swap, "swap");
        requireNonNull(kernel, "kernel");
        requireNonNull(kernelTCP, "kernelTCP");
        requireNonNull(swappiness, "swappiness");
        requireNonNull(disableOOMKiller, "disableOOMKiller");
        requireNonNull(useHierarchy, "useHierarchy");
        requireNonNull(checkBeforeUpdate, "checkBeforeUpdate");
    }

    /** Only a limit and a swap (memory+swap) limit, the two most configs set. */
    public static Memory of(OptionalLong limit, OptionalLong swap) {
        return new Memory(limit, OptionalLong.empty(), swap, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
