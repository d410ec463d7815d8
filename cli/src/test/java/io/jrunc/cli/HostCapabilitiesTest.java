package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostCapabilitiesTest {
    /** What cat(1) reads is what the kernel says: a JDK shortcut once read "4" of "40" and dropped every capability. */
    @Test
    void theLastCapabilityIsTheKernelsAsCatReadsIt() throws Exception {
        Process cat = new ProcessBuilder("cat", "/proc/sys/kernel/cap_last_cap").start();
        String kernel = new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        cat.waitFor();

        assertEquals(Integer.parseInt(kernel), HostCapabilities.last());
    }
}
