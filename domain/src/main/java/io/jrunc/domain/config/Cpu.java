package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/** CPU cgroup settings; times in microseconds. shares, burst, period and realtimePeriod are uint64. */
public record Cpu(OptionalLong shares, OptionalLong quota, OptionalLong burst, OptionalLong period,
                  OptionalLong realtimeRuntime, OptionalLong realtimePeriod, Optional<String> cpus,
                  Optional<String> mems, OptionalLong idle) {
    public Cpu {
        requireNonNull(shares, "shares");
        requireNonNull(quota, "quota");
        requireNonNull(burst, "burst");
        requireNonNull(period, "period");
        requireNonNull(realtimeRuntime, "realtimeRuntime");
        requireNonNull(realtimePeriod, "realtimePeriod");
        requireNonNull(cpus, "cpus");
        requireNonNull(mems, "mems");
        requireNonNull(idle, "idle");
    }

    public static Cpu of(OptionalLong shares, OptionalLong quota, OptionalLong period) {
        return new Cpu(shares, quota, OptionalLong.empty(), period, OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.empty());
    }
}
