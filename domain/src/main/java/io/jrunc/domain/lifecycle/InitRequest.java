package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.runtime.ContainerConfig;

/**
 * What a launcher needs to start a container's init.
 *
 * @param bundle         the bundle's absolute path, against which the config's relative paths resolve
 * @param stateDirectory the container's directory in the state store (its exec fifo and config copy)
 * @param hooks          what the plan's hooks are told
 * @param consoleSocket  the caller's console socket, passed to the init under the same number
 * @param annotations    the config's, for the state a seccomp agent is sent
 * @param seccompListener where the agent of a notifying seccomp filter listens
 */
public record InitRequest(ContainerId id, String bundle, String stateDirectory, ContainerConfig config,
                          InitPlan plan, io.jrunc.domain.init.HookContext hooks, java.util.OptionalInt consoleSocket,
                          java.util.Map<String, String> annotations,
                          java.util.Optional<SeccompListener> seccompListener) {
    public InitRequest {
        annotations = java.util.Map.copyOf(annotations);
        java.util.Objects.requireNonNull(seccompListener, "seccompListener");
    }

    /** A request whose plan runs no hooks, makes no terminal and has no seccomp agent. */
    public InitRequest(ContainerId id, String bundle, String stateDirectory, ContainerConfig config, InitPlan plan) {
        this(id, bundle, stateDirectory, config, plan, io.jrunc.domain.init.HookContext.NONE);
    }

    /** A request whose plan makes no terminal and has no seccomp agent. */
    public InitRequest(ContainerId id, String bundle, String stateDirectory, ContainerConfig config, InitPlan plan,
                       io.jrunc.domain.init.HookContext hooks) {
        this(id, bundle, stateDirectory, config, plan, hooks, java.util.OptionalInt.empty(), java.util.Map.of(),
                java.util.Optional.empty());
    }
}
