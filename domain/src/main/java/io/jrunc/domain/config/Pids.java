package io.jrunc.domain.config;

/** The pids cgroup limit; zero or negative means no limit. */
public record Pids(long limit) {}
