package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a config.json: where (a JSON path such as {@code process.rlimits[0].type}) and what.
 * An empty path means the document as a whole (for example, it is not JSON at all).
 */
public record ConfigError(String path, String message) {
    public ConfigError {
        requireNonNull(path, "path");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
