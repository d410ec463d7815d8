package io.jrunc.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where jrunc-init, the container's first process, lies: beside the CLI's jar (or its class directory, in
 * the build), where the build puts it. {@code -Djrunc.init=PATH} names another.
 */
final class InitProgram {
    private InitProgram() {
    }

    static String path() {
        String forced = System.getProperty("jrunc.init");
        if (forced != null && !forced.isEmpty()) {
            return forced;
        }
        try {
            Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("jrunc-init").toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where jrunc's classes lie", e);
        }
    }
}
