package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

/** ioprio_set(2) class and level ({@code class} in config.json). */
public record IoPriority(IoPriorityClass ioClass, int priority) {
    public IoPriority {
        requireNonNull(ioClass, "ioClass");
    }
}
