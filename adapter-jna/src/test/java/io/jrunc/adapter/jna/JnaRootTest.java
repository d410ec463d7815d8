package io.jrunc.adapter.jna;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Root tests on the real kernel. Whatever changes namespaces, mounts, hostname or credentials happens
 * in a child or on a thread of its own that ends with the test; these checks make sure the host saw
 * none of it.
 */
@Tag("root")
@EnabledIf("io.jrunc.adapter.jna.JnaTestChild#isRoot")
abstract class JnaRootTest {
    private String hostname;

    @BeforeEach
    void rememberHost() throws Exception {
        hostname = hostname();
    }

    @AfterEach
    void hostIsUntouched() throws Exception {
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains("jrunc"), "a jrunc mount leaked");
        assertEquals(hostname, hostname(), "hostname changed");
    }

    private static String hostname() throws Exception {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    }
}
