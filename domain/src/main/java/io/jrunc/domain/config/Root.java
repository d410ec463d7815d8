package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

/** The container's root filesystem. {@code path} may be relative to the bundle. */
public record Root(String path, boolean readonly) {
    public Root {
        requireNonNull(path, "path");
    }
}
