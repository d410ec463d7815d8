package io.jrunc.domain.archfixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Breaks: the domain may hold a Path, but reading a file is an effect for a port. */
final class DomainReadingFiles {
    byte[] read(Path path) throws IOException {
        return Files.readAllBytes(path);
    }
}
