package io.jrunc.domain.lifecycle;

import io.jrunc.domain.config.Resources;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * The {@code linux.resources} of a container's frozen config.json ({@link StateFiles#CONFIG}), read and rewritten
 * for runc update. The JSON lives at the edge (the CLI implements this); the domain only merges the values.
 */
public interface ConfigResources {
    /** The resources the config sets, empty when it sets none; on a config that cannot be read, why. */
    Either<String, Optional<Resources>> read(byte[] configJson);

    /** The same config with its {@code linux.resources} replaced by {@code resources}; every other field kept. */
    byte[] withResources(byte[] configJson, Resources resources);
}
