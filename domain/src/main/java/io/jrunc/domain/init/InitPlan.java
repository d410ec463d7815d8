package io.jrunc.domain.init;

import java.util.List;
import java.util.stream.Collectors;

/** The ordered steps that turn a spawned init into the running container. A value: print it, diff it. */
public record InitPlan(List<InitStep> steps) {
    public InitPlan {
        steps = List.copyOf(steps);
    }

    public List<InitStep> steps(Phase phase) {
        return steps.stream().filter(s -> s.phase() == phase).collect(Collectors.toUnmodifiableList());
    }
}
