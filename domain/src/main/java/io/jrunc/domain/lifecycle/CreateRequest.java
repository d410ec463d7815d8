package io.jrunc.domain.lifecycle;

import io.jrunc.domain.runtime.ContainerConfig;
import java.util.Map;
import java.util.OptionalInt;

/**
 * @param id          the id as the user gave it, checked by create
 * @param bundle      the bundle's absolute path
 * @param configJson  the config as read, saved for the init so it runs exactly what was validated
 * @param owner       the user the state is recorded for
 * @param newSessionKeyring whether the container gets a session keyring of its own (runc's default; not with
 *                    --no-new-keyring)
 * @param consoleSocket the caller's connected unix socket the container's init sends its terminal's master over
 *                    (process.terminal); the caller keeps and closes it
 */
public record CreateRequest(String id, String bundle, ContainerConfig config, Map<String, String> annotations,
                            byte[] configJson, String owner, boolean newSessionKeyring, OptionalInt consoleSocket) {
    public CreateRequest {
        annotations = Map.copyOf(annotations);
        configJson = configJson.clone();
    }

    /** A container without a console socket. */
    public CreateRequest(String id, String bundle, ContainerConfig config, Map<String, String> annotations,
                         byte[] configJson, String owner, boolean newSessionKeyring) {
        this(id, bundle, config, annotations, configJson, owner, newSessionKeyring, OptionalInt.empty());
    }
}
