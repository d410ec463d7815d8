package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/** net_cls class id (uint32) and net_prio priorities (cgroup v1). */
public record Network(OptionalLong classID, List<InterfacePriority> priorities) {
    public Network {
        requireNonNull(classID, "classID");
        priorities = Copies.list(priorities);
    }
}
