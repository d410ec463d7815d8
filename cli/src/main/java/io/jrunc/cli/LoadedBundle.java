package io.jrunc.cli;

import io.jrunc.cli.oci.SpecReader;
import io.jrunc.domain.config.Spec;
import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.SpecConversion;
import io.jrunc.domain.runtime.Unsupported;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A bundle's config.json, read, validated (every error at once) and translated into the runtime's
 * config. The bytes are kept: the init runs from this very copy.
 *
 * @param unsupported JSON paths of what the real backends do not carry out yet
 * @param warnings    what is left out of the config on this host, to say before it runs (runc's warnings)
 */
record LoadedBundle(Path bundle, Spec spec, ContainerConfig config, Map<String, String> annotations, byte[] json,
                    List<String> unsupported, List<String> warnings) {
    static final String CONFIG = "config.json";

    static Either<List<String>, LoadedBundle> load(Path bundleDir, boolean noPivot, int preservedFds) {
        return load(bundleDir, noPivot, preservedFds, false);
    }

    /**
     * @param inItsUserNamespace the runtime runs as root of the container's user namespace already (an unprivileged
     *                           user's create, run again inside it by {@link RootlessReentry}): it makes none
     */
    static Either<List<String>, LoadedBundle> load(Path bundleDir, boolean noPivot, int preservedFds,
                                                   boolean inItsUserNamespace) {
        Path bundle = real(bundleDir.toAbsolutePath().normalize());
        // runc enters the bundle, then reads config.json there: its words for either missing.
        if (!Files.exists(bundle)) {
            return Either.left(List.of("chdir " + bundleDir + ": no such file or directory"));
        }
        if (!Files.isDirectory(bundle)) {
            return Either.left(List.of("chdir " + bundleDir + ": not a directory"));
        }
        Path file = bundle.resolve(CONFIG);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Either.left(List.of("JSON specification file " + CONFIG + " not found"));
        } catch (IOException e) {
            return Either.left(List.of("open " + file + ": " + e.getMessage()));
        }
        Either<List<String>, LoadedBundle> loaded = fromJson(json, bundle, noPivot, preservedFds,
                HostCapabilities.last(), inItsUserNamespace);
        if (loaded.isLeft()) {
            return loaded;
        }
        List<String> problems = HostSupport.here().problems(loaded.get().spec());
        return problems.isEmpty() ? loaded : Either.left(problems);
    }

    /**
     * The bundle by its real path, as runc has it (its working directory once it entered the bundle): links on
     * the way to the bundle are the caller's business; a link below it, in the rootfs path, is refused at create.
     */
    private static Path real(Path bundle) {
        try {
            return bundle.toRealPath();
        } catch (IOException e) {
            return bundle; // reading config.json says what is wrong
        }
    }

    static Either<List<String>, LoadedBundle> fromJson(byte[] json, Path bundle, boolean noPivot, int preservedFds) {
        return fromJson(json, bundle, noPivot, preservedFds, io.jrunc.domain.config.Capability.values().length - 1);
    }

    /** @param lastCapability this kernel's CAP_LAST_CAP: capabilities above it are left out with a warning */
    static Either<List<String>, LoadedBundle> fromJson(byte[] json, Path bundle, boolean noPivot, int preservedFds,
                                                      int lastCapability) {
        return fromJson(json, bundle, noPivot, preservedFds, lastCapability, false);
    }

    private static Either<List<String>, LoadedBundle> fromJson(byte[] json, Path bundle, boolean noPivot,
                                                              int preservedFds, int lastCapability,
                                                              boolean inItsUserNamespace) {
        Validation<io.vavr.collection.Seq<io.jrunc.domain.config.ConfigError>, Spec> read = SpecReader.read(json);
        if (read.isInvalid()) {
            return Either.left(read.getError().map(Object::toString).collect(Collectors.toList()));
        }
        Either<String, Spec> filled = JoinedUserMappings.fill(read.get());
        if (filled.isLeft()) {
            return Either.left(List.of(filled.getLeft()));
        }
        Spec spec = filled.get();
        Spec converted = inItsUserNamespace ? withoutUserNamespace(spec) : spec;
        ContainerConfig config = SpecConversion.toContainerConfig(converted, bundle.toString(), noPivot, preservedFds,
                lastCapability);
        List<String> unknown = SpecConversion.unavailableCapabilities(spec, lastCapability);
        List<String> warnings = new java.util.ArrayList<>();
        if (!unknown.isEmpty()) {
            warnings.add("ignoring unknown or unavailable capabilities: [" + String.join(" ", unknown) + "]");
        }
        warnings.addAll(HostSupport.warnings(spec));
        return Either.right(new LoadedBundle(bundle, spec, config, spec.annotations(), json, Unsupported.in(spec),
                List.copyOf(warnings)));
    }

    /** The config as the runtime inside the container's user namespace carries it out: that namespace is its own. */
    private static Spec withoutUserNamespace(Spec spec) {
        return spec.linux().map(l -> spec.toBuilder().linux(l.toBuilder()
                .namespaces(l.namespaces().stream().filter(n -> n.type() != io.jrunc.domain.config.NamespaceType.USER)
                        .collect(Collectors.toList()))
                .uidMappings(List.of()).gidMappings(List.of()).build()).build()).orElse(spec);
    }
}
