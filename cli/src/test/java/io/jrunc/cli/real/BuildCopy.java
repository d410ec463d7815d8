package io.jrunc.cli.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the built launcher, jar, jrunc-init and libraries in {@code dir}, laid out as the checkout has them,
 * so a launcher test runs (and may spoil) the copy, not the build. Returns the copied launcher.
 */
final class BuildCopy {
    private BuildCopy() {
    }

    /** @param launcher the build's own launcher (failsafe names it) */
    static Path into(Path dir, Path launcher) throws IOException {
        Path home = launcher.toAbsolutePath().normalize().getParent();
        Path target = dir.resolve("cli/target");
        Files.createDirectories(target.resolve("lib"));
        Path copy = dir.resolve("jrunc");
        Files.copy(home.resolve("jrunc"), copy, StandardCopyOption.COPY_ATTRIBUTES);
        for (String file : List.of("jrunc-cli.jar", "jrunc-init")) {
            Files.copy(home.resolve("cli/target").resolve(file), target.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (Stream<Path> libs = Files.list(home.resolve("cli/target/lib"))) {
            for (Path lib : (Iterable<Path>) libs::iterator) {
                Files.copy(lib, target.resolve("lib").resolve(lib.getFileName()));
            }
        }
        return copy;
    }
}
