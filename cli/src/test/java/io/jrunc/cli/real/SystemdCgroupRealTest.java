package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code jrunc --systemd-cgroup run} of a real busybox bundle, as root, on a host whose PID 1 is not systemd. */
@Tag("root")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SystemdCgroupRealTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsRootBusyboxAndNoSystemd() {
        RootTier.requiresRoot();
        RootTier.requiresBusybox();
        RootTier.hostHas(!Files.isDirectory(Path.of("/run/systemd/system")),
                "a host without systemd, where a private bus can stand in for it (systemd runs here)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void runIsRefusedBeforeAnythingIsMade(String backend) throws Exception {
        String id = "jrunc-sd-" + backend + "-" + ProcessHandle.current().pid();
        BusyboxBundle.in(tmp.resolve("bundle")).shell("touch /out/ran").write();
        Path root = tmp.resolve("state");
        CliRunner.Result run = CliRunner.run(backend, root, "--systemd-cgroup", "run", "--bundle",
                tmp.resolve("bundle").toString(), id);
        assertEquals(1, run.status, run.toString());
        assertTrue(run.err.contains("jrunc run failed: systemd not running on this host, cannot use systemd cgroups "
                + "manager"), run.toString());
        assertFalse(Files.exists(tmp.resolve("bundle/out/ran")), "the container never ran");
        assertFalse(Files.exists(root.resolve(id)), "no state is left");
        assertFalse(Files.exists(root.resolve("@locks/" + id)), "no lock file is left");
        assertEquals(List.of(), scopesNamed("jrunc-" + id + ".scope"), "no cgroup is left");
    }

    private static List<Path> scopesNamed(String name) throws IOException {
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            return hierarchies.flatMap(h -> Stream.of(h.resolve("system.slice").resolve(name), h.resolve(name),
                            h.resolve("system.slice/" + name)))
                    .filter(Files::exists).toList();
        }
    }
}
