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
 * @param seccompListener linux.seccomp's listenerPath and listenerMetadata, for a filter that notifies
 */
public record CreateRequest(String id, String bundle, ContainerConfig config, Map<String, String> annotations,
                            byte[] configJson, String owner, boolean newSessionKeyring, OptionalInt consoleSocket,
                            java.util.Optional<SeccompListener> seccompListener) {
    public CreateRequest {
        annotations = Map.copyOf(annotations);
        configJson = configJson.clone();
        java.util.Objects.requireNonNull(seccompListener, "seccompListener");
    }

    /** A container without a console socket or seccomp agent. */
    public CreateRequest(String id, String bundle, ContainerConfig config, Map<String, String> annotations,
                         byte[] configJson, String owner, boolean newSessionKeyring) {
        this(id, bundle, config, annotations, configJson, owner, newSessionKeyring, OptionalInt.empty(),
                java.util.Optional.empty());
    }

    /** A container whose seccomp filter, if any, hands nothing to an agent. */
    public CreateRequest(String id, String bundle, ContainerConfig config, Map<String, String> annotations,
                         byte[] configJson, String owner, boolean newSessionKeyring, OptionalInt consoleSocket) {
        this(id, bundle, config, annotations, configJson, owner, newSessionKeyring, consoleSocket,
                java.util.Optional.empty());
    }

    /** A container without a console socket. */
    public CreateRequest(String id, String bundle, ContainerConfig config, Map<String, String> annotations,
                         byte[] configJson, String owner, boolean newSessionKeyring,
                         java.util.Optional<SeccompListener> seccompListener) {
        this(id, bundle, config, annotations, configJson, owner, newSessionKeyring, OptionalInt.empty(),
                seccompListener);
    }
}
