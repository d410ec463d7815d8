package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/** A per-device blkio weight (uint16 values). */
public record WeightDevice(long major, long minor, OptionalInt weight, OptionalInt leafWeight) {
    public WeightDevice {
        requireNonNull(weight, "weight");
        requireNonNull(leafWeight, "leafWeight");
    }
}
