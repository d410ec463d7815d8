package io.jrunc.domain.config;

/** A per-device blkio rate limit; {@code rate} is uint64 held as an unsigned long. */
public record ThrottleDevice(long major, long minor, long rate) {}
