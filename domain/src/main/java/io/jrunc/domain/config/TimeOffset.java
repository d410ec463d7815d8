package io.jrunc.domain.config;

/** A clock offset for a time namespace; {@code nanosecs} is uint32. */
public record TimeOffset(long secs, long nanosecs) {}
