package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Intel RDT (resctrl) class of service. {@code enableMonitoring} is 1.3's switch; {@code enableCMT} and
 * {@code enableMBM} are the 1.2 fields it replaced, kept so older configs survive a round trip.
 */
public record IntelRdt(Optional<String> closID, Optional<String> schemata, Optional<String> l3CacheSchema,
                       Optional<String> memBwSchema, boolean enableMonitoring, boolean enableCMT,
                       boolean enableMBM) {
    public IntelRdt {
        requireNonNull(closID, "closID");
        requireNonNull(schemata, "schemata");
        requireNonNull(l3CacheSchema, "l3CacheSchema");
        requireNonNull(memBwSchema, "memBwSchema");
    }
}
