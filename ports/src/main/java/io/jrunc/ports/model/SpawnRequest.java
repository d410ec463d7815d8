package io.jrunc.ports.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A child process to start: the program and its argv/envp, the namespaces it is born in (new ones, and
 * existing ones joined by their /proc or bind-mount path), and which of the caller's fds it keeps.
 * Every other fd is closed in the child, so nothing of the host leaks in by accident.
 *
 * @param inheritedFds fds of the caller passed to the child under the same numbers (0, 1, 2 for stdio)
 */
public record SpawnRequest(
        String executable,
        List<String> argv,
        List<String> env,
        Set<Namespace> newNamespaces,
        Map<Namespace, String> joinNamespaces,
        List<Integer> inheritedFds) {
    public SpawnRequest {
        Objects.requireNonNull(executable, "executable");
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        newNamespaces = Set.copyOf(newNamespaces);
        joinNamespaces = Map.copyOf(joinNamespaces);
        inheritedFds = List.copyOf(inheritedFds);
    }
}
