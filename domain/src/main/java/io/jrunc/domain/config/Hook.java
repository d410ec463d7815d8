package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/** A lifecycle hook: an executable on the host with its argv, environment and timeout in seconds. */
public record Hook(String path, List<String> args, List<String> env, OptionalInt timeout) {
    public Hook {
        requireNonNull(path, "path");
        args = Copies.list(args);
        env = Copies.list(env);
        requireNonNull(timeout, "timeout");
    }
}
