package io.jrunc.domain.init;

import java.util.List;
import java.util.Map;

/**
 * What a container's hooks are told besides their own config: the container they belong to (for the state on
 * their stdin) and the runtime's environment, which a hook on the host gets when its config names none (runc
 * leaves a hook's env to Go's default, the runtime's own). A hook in the container gets the process's instead:
 * nothing of the runtime's environment goes in there.
 */
public record HookContext(StateDocument document, String id, String bundle, Map<String, String> annotations,
                          List<String> runtimeEnv) {
    /** For plans without hooks (tests, the exec of a further process). */
    public static final HookContext NONE = new HookContext((id, status, pid, bundle, annotations) -> new byte[0],
            "", "", Map.of(), List.of());

    public HookContext {
        annotations = Map.copyOf(annotations);
        runtimeEnv = List.copyOf(runtimeEnv);
    }

    /** The state at {@code point}, with the init's pid as the hook's own pid namespace sees it. */
    public byte[] state(HookPoint point, int pid) {
        return document.json(id, point.status(), pid, bundle, annotations);
    }
}
