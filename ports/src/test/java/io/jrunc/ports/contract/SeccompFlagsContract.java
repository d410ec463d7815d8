package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.Seccomp;
import io.jrunc.ports.model.SeccompFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which seccomp(2) flags the kernel takes (what {@code features} calls supportedFlags), asked without loading
 * anything. Every kernel these backends run on (5.19 and later) takes TSYNC, LOG and SPEC_ALLOW, and takes
 * WAIT_KILLABLE_RECV only with a notification listener.
 */
public abstract class SeccompFlagsContract extends PortContract {
    private Seccomp seccomp() {
        return ports().port(Seccomp.class);
    }

    private static long bits(String... flags) {
        return new SeccompFilter(new SeccompFilter.Action("SCMP_ACT_ALLOW", 0), List.of(), List.of(), List.of(flags))
                .flagBits();
    }

    @Test
    void theFlagsAFilterMayCarryAreTaken() {
        assertTrue(seccomp().takesFlags(0));
        assertTrue(seccomp().takesFlags(bits("SECCOMP_FILTER_FLAG_TSYNC")));
        assertTrue(seccomp().takesFlags(bits("SECCOMP_FILTER_FLAG_LOG")));
        assertTrue(seccomp().takesFlags(bits("SECCOMP_FILTER_FLAG_SPEC_ALLOW")));
        assertTrue(seccomp().takesFlags(bits("SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
                "SECCOMP_FILTER_FLAG_SPEC_ALLOW")));
    }

    @Test
    void waitKillableRecvWithoutAListenerAndUnknownBitsAreNot() {
        assertFalse(seccomp().takesFlags(bits("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV")));
        assertFalse(seccomp().takesFlags(1L << 30)); // the kernel reads an unsigned int: no higher bit reaches it
    }

    /** The probe hands the kernel no program: the asking thread stays unfiltered. */
    @Test
    void askingLoadsNoFilter() throws IOException {
        seccomp().takesFlags(bits("SECCOMP_FILTER_FLAG_LOG"));
        String status;
        try (var in = Files.newInputStream(Path.of("/proc/thread-self/status"))) {
            status = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        assertEquals(0, seccompLine(status), status);
    }

    private static int seccompLine(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Seccomp:")) {
                return Integer.parseInt(line.substring("Seccomp:".length()).trim());
            }
        }
        return -1;
    }
}
