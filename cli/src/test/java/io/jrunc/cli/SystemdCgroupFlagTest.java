package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --systemd-cgroup} on a host without systemd as PID 1, over the fake backend: refused, nothing made. */
class SystemdCgroupFlagTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void onlyWhereSystemdIsNotRunning() {
        Assumptions.assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")),
                "systemd runs here: the refusal cannot be seen");
    }

    private Path bundle() throws Exception {
        Path bundle = tmp.resolve("bundle");
        Files.createDirectories(bundle.resolve("rootfs"));
        assertEquals(0, Cli.run("spec", "--bundle", bundle.toString()).status);
        return bundle;
    }

    @Test
    void createIsRefusedWithRuncsWordsAndLeavesNoState() throws Exception {
        Path root = tmp.resolve("state");
        Cli cli = Cli.run("--backend", "fake", "--root", root.toString(), "--systemd-cgroup", "create",
                "--bundle", bundle().toString(), "sd1");
        assertEquals(1, cli.status, cli.toString());
        assertTrue(cli.err.contains("jrunc create failed: systemd not running on this host, cannot use systemd "
                + "cgroups manager"), cli.toString());
        assertFalse(Files.exists(root.resolve("sd1")), "no state is left");
        assertEquals("", Cli.run("--backend", "fake", "--root", root.toString(), "list", "-q").out);
    }

    @Test
    void withoutTheFlagTheSameBundleGetsPastTheCgroupDriver() throws Exception {
        Cli cli = Cli.run("--backend", "fake", "--root", tmp.resolve("state").toString(), "create",
                "--bundle", bundle().toString(), "sd2");
        assertFalse(cli.err.contains("systemd"), cli.toString());
    }
}
