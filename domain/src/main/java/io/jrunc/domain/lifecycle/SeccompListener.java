package io.jrunc.domain.lifecycle;

import java.util.Objects;

/**
 * Where a seccomp agent listens for a container whose filter notifies (SCMP_ACT_NOTIFY): linux.seccomp's
 * listenerPath, and listenerMetadata, handed to the agent as they are.
 */
public record SeccompListener(String path, String metadata) {
    public SeccompListener {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(metadata, "metadata");
    }
}
