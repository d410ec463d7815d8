package io.jrunc.domain.config;

/** Terminal size in characters (Go {@code uint}). */
public record ConsoleSize(long height, long width) {}
