package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.ContainerStatus;
import java.util.Map;

/**
 * A container as the runtime-spec's state operation describes it, plus runc's extra fields.
 *
 * @param pid the init's pid, 0 once stopped (runc prints 0 for a stopped container)
 */
public record ContainerState(String id, ContainerStatus status, int pid, String bundle, String rootfs,
                             String created, String owner, Map<String, String> annotations) {
    public ContainerState {
        annotations = Map.copyOf(annotations);
    }
}
