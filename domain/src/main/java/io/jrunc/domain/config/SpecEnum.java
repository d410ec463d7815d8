package io.jrunc.domain.config;

/** A closed set from the runtime-spec whose constants know the exact string config.json uses. */
public interface SpecEnum {
    String spec();
}
