package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A host network device to move into the container, optionally renamed to {@code name}. */
public record NetDevice(Optional<String> name) {
    public NetDevice {
        requireNonNull(name, "name");
    }
}
