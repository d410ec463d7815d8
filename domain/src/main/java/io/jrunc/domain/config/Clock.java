package io.jrunc.domain.config;

/** Clocks a time namespace can offset (config-linux.md "Offset for Time Namespace"). */
public enum Clock implements SpecEnum {
    MONOTONIC,
    BOOTTIME;

    @Override
    public String spec() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
