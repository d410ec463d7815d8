package io.jrunc.domain.lifecycle;

import io.jrunc.domain.config.Resources;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Config "files" that are handles on Resources kept here: {@code {}} sets none, {@code v<N>} is version N,
 * anything else is unreadable. Lets the update use case be tested without the CLI's JSON.
 */
final class InMemoryConfigResources implements ConfigResources {
    final List<Resources> versions = new ArrayList<>();

    /** A config "file" that sets {@code resources}. */
    byte[] configSetting(Resources resources) {
        versions.add(resources);
        return ("v" + (versions.size() - 1)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Either<String, Optional<Resources>> read(byte[] configJson) {
        String text = new String(configJson, StandardCharsets.UTF_8);
        if (text.equals("{}")) {
            return Either.right(Optional.empty());
        }
        if (text.matches("v[0-9]+")) {
            return Either.right(Optional.of(versions.get(Integer.parseInt(text.substring(1)))));
        }
        return Either.left("cannot read " + text);
    }

    @Override
    public byte[] withResources(byte[] configJson, Resources resources) {
        return configSetting(resources);
    }
}
