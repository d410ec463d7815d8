package io.jrunc.cli.oci;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper of the CLI. A mapper is costly to build in a fresh JVM (its configuration, type
 * factory and date format are set up on first use), and every command is a fresh JVM; it is immutable once
 * configured, so the config, state, events and resources documents share it. Trailing tokens after a
 * document are an error, as in runc's decoder.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }
}
