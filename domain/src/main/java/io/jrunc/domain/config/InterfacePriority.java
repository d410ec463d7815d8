package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

/** net_prio priority (uint32) for one interface. */
public record InterfacePriority(String name, long priority) {
    public InterfacePriority {
        requireNonNull(name, "name");
    }
}
