package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A namespace the container gets: a new one, or with {@code path} an existing one to join. */
public record Namespace(NamespaceType type, Optional<String> path) {
    public Namespace {
        requireNonNull(type, "type");
        requireNonNull(path, "path");
    }

    public static Namespace of(NamespaceType type) {
        return new Namespace(type, Optional.empty());
    }

    public boolean isNew() {
        return path.isEmpty();
    }
}
