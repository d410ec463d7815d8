package io.jrunc.cli;

import io.jrunc.cli.oci.SpecReader;
import io.jrunc.domain.config.Hooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The hooks of a container's frozen config.json, and the runtime environment a host hook inherits. */
final class HookConfigs {
    private HookConfigs() {
    }

    /** The config was validated at create; one that no longer reads has no hooks to run. */
    static Hooks of(byte[] configJson) {
        return SpecReader.read(configJson).toEither().toJavaOptional()
                .flatMap(spec -> spec.hooks()).orElseGet(Hooks::none);
    }

    /** This process's environment as execve takes it, "KEY=value". */
    static List<String> environment() {
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(System.getenv()).entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        return env;
    }
}
