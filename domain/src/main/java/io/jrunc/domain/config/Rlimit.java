package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

/** A POSIX rlimit; {@code hard} and {@code soft} are uint64 held as unsigned longs (-1 is RLIM_INFINITY). */
public record Rlimit(RlimitType type, long hard, long soft) {
    public Rlimit {
        requireNonNull(type, "type");
    }
}
