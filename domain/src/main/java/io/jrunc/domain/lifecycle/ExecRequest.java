package io.jrunc.domain.lifecycle;

import io.jrunc.domain.runtime.ContainerConfig;

/**
 * What `jrunc exec` asks for.
 *
 * @param id           the container's id, as typed
 * @param config       the container's frozen config with the exec's process in place of its own
 * @param ignorePaused runc's --ignore-paused: exec into a frozen container too (the process freezes with it)
 * @param subCgroups   runc's --cgroup: existing sub-cgroups of the container's to put the process in, by controller
 *                     ("" for every hierarchy no controller names); paths without ".."
 * @param consoleSocket for a process with a terminal: the connected socket its pty's master goes over, passed to the
 *                     first stage under the same number
 */
public record ExecRequest(String id, ContainerConfig config, boolean ignorePaused,
                          java.util.Map<String, String> subCgroups, java.util.OptionalInt consoleSocket) {
    public ExecRequest {
        subCgroups = java.util.Map.copyOf(subCgroups);
    }

    /** Without a terminal. */
    public ExecRequest(String id, ContainerConfig config, boolean ignorePaused,
                       java.util.Map<String, String> subCgroups) {
        this(id, config, ignorePaused, subCgroups, java.util.OptionalInt.empty());
    }

    /** In the container's own cgroup, without a terminal. */
    public ExecRequest(String id, ContainerConfig config, boolean ignorePaused) {
        this(id, config, ignorePaused, java.util.Map.of());
    }
}
