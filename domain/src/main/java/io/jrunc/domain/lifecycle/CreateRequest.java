package io.jrunc.domain.lifecycle;

import io.jrunc.domain.runtime.ContainerConfig;
import java.util.Map;

/**
 * @param id          the id as the user gave it, checked by create
 * @param bundle      the bundle's absolute path
 * @param configJson  the config as read, saved for the init so it runs exactly what was validated
 * @param owner       the user the state is recorded for
 * @param newSessionKeyring whether the container gets a session keyring of its own (runc's default; not with
 *                    --no-new-keyring)
 * @param seccompListener linux.seccomp's listenerPath and listenerMetadata, for a filter that notifies
 */
public record CreateRequest(String id, String bundle, ContainerConfig config, Map<String, String> annotations,
                            byte[] configJson, String owner, boolean newSessionKeyring,
                            java.util.Optional<SeccompListener> seccompListener) {
    public CreateRequest {
        annotations = Map.copyOf(annotations);
        configJson = configJson.clone();
        java.util.Objects.requireNonNull(seccompListener, "seccompListener");
    }

    /** A container whose seccomp filter, if any, hands nothing to an agent. */
    public CreateRequest(String id, String bundle, ContainerConfig config, Map<String, String> annotations,
                         byte[] configJson, String owner, boolean newSessionKeyring) {
        this(id, bundle, config, annotations, configJson, owner, newSessionKeyring, java.util.Optional.empty());
    }
}
