package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * sched_setattr(2) attributes. Zero means "not set" for the numbers, as in Go's omitempty fields;
 * runtime, deadline and period are uint64 nanoseconds held as unsigned longs.
 */
public record Scheduler(SchedulerPolicy policy, int nice, int priority, List<SchedulerFlag> flags,
                        long runtime, long deadline, long period) {
    public Scheduler {
        requireNonNull(policy, "policy");
        flags = Copies.list(flags);
    }
}
