package io.jrunc.domain.lifecycle;

import io.jrunc.domain.runtime.ContainerConfig;

/**
 * What `jrunc exec` asks for.
 *
 * @param id           the container's id, as typed
 * @param config       the container's frozen config with the exec's process in place of its own
 * @param ignorePaused runc's --ignore-paused: exec into a frozen container too (the process freezes with it)
 */
public record ExecRequest(String id, ContainerConfig config, boolean ignorePaused) {
}
