package io.jrunc.cli;

import io.jrunc.domain.config.Capability;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The capabilities this host's kernel knows: numbers up to its CAP_LAST_CAP. */
final class HostCapabilities {
    private static final Path LAST_CAP = Path.of("/proc/sys/kernel/cap_last_cap");

    private HostCapabilities() {
    }

    /**
     * CAP_LAST_CAP, or the last capability jrunc knows where the kernel does not say (no /proc). Read as a stream:
     * Files.readString trusts the size a sysctl file reports and gave "4" of "40".
     */
    static int last() {
        try (InputStream in = Files.newInputStream(LAST_CAP)) {
            return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return Capability.values().length - 1;
        }
    }
}
