package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** One entry of {@code mounts}; uid/gid mappings make it an id-mapped mount. */
public record Mount(String destination, Optional<String> type, Optional<String> source, List<String> options,
                    List<IdMapping> uidMappings, List<IdMapping> gidMappings) {
    public Mount {
        requireNonNull(destination, "destination");
        requireNonNull(type, "type");
        requireNonNull(source, "source");
        options = Copies.list(options);
        uidMappings = Copies.list(uidMappings);
        gidMappings = Copies.list(gidMappings);
    }

    /** The common shape: no id mapping. */
    public static Mount of(String destination, String type, String source, List<String> options) {
        return new Mount(destination, Optional.of(type), Optional.of(source), options, List.of(), List.of());
    }
}
