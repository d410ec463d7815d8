package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the lifecycle must take down on the real kernel, whatever its cgroup layout (the container's cgroup
 * directories are found by name in every hierarchy mounted under /sys/fs/cgroup): delete --force of a paused
 * container, whose frozen init cannot act on SIGKILL before it is thawed on a v1 freezer, and a create whose
 * spawn of jrunc-init fails after the cgroup was made.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RealCleanupTest extends RealContainers {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private final String id = "cleanup-" + UUID.randomUUID().toString().substring(0, 8);

    /**
     * The container's cgroup directories, in every hierarchy: named by its id, as jrunc's default path is. Other
     * tests' cgroups come and go meanwhile, so a directory that vanishes under the walk is passed over.
     */
    private List<Path> cgroupDirs() throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        Files.walkFileTree(CGROUPS, java.util.Set.of(), 6, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir,
                    java.nio.file.attribute.BasicFileAttributes attrs) {
                if (dir.getFileName() != null && dir.getFileName().toString().equals(id)) {
                    found.add(dir);
                    return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    /** Should a check fail with the init still frozen, thaw it, or nothing could kill it and the build hangs. */
    @AfterEach
    void thawsWhatAFailureLeftFrozen() throws IOException {
        for (Path dir : cgroupDirs()) {
            Path freezer = dir.resolve("freezer.state");
            if (Files.exists(freezer)) {
                Files.writeString(freezer, "THAWED");
            }
            Path freeze = dir.resolve("cgroup.freeze");
            if (Files.exists(freeze)) {
                Files.writeString(freeze, "0");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void deleteForceOfAPausedContainerEndsItsInitAndRemovesItsCgroups(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle.in(tmp.resolve("bundle")).shell("echo up > /out/up; exec sleep 60").write();
        Path pidFile = tmp.resolve("pid");
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), "--pid-file",
                pidFile.toString(), id);
        assertEquals(0, create.status, create.toString());
        int pid = Integer.parseInt(Files.readString(pidFile).trim());
        assertEquals(0, jrunc(backend, "start", id).status);
        waitFor(() -> Files.exists(tmp.resolve("bundle/out/up")));
        List<Path> dirs = cgroupDirs();
        assertFalse(dirs.isEmpty(), "the container has cgroups");
        System.err.println("RealCleanupTest: " + CgroupLayout.of() + " host, the container's cgroups: " + dirs);

        var pause = jrunc(backend, "pause", id);
        assertEquals(0, pause.status, pause.toString());
        assertEquals("paused", new com.fasterxml.jackson.databind.ObjectMapper().readTree(jrunc(backend, "state", id).out)
                .get("status").asText());

        var delete = jrunc(backend, "delete", "--force", id);
        assertEquals(0, delete.status, delete.toString());
        waitFor(() -> !Files.exists(Path.of("/proc/" + pid))
                || Files.readString(Path.of("/proc/" + pid + "/stat")).contains(") Z"));
        assertEquals(List.of(), cgroupDirs(), "every cgroup of the container is removed");
        assertFalse(Files.exists(root.resolve(id)));
    }

    /** The cgroup is made before the spawn: a spawn that fails must take it down too. */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aCreateWhoseInitCannotBeSpawnedLeavesNoCgroupAndNoState(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle.in(tmp.resolve("bundle")).shell("exit 0").write();
        // A file that is not executable: posix_spawn of it is EACCES, after the cgroup was made.
        Path notAProgram = Files.writeString(tmp.resolve("not-jrunc-init"), "#!/nowhere\n");
        String before = System.getProperty("jrunc.init");
        System.setProperty("jrunc.init", notAProgram.toString());
        io.jrunc.cli.CliRunner.Result create;
        try {
            create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), id);
        } finally {
            if (before == null) {
                System.clearProperty("jrunc.init");
            } else {
                System.setProperty("jrunc.init", before);
            }
        }
        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("permission denied"), create.toString());
        assertEquals(List.of(), cgroupDirs(), "the cgroups made before the spawn are removed");
        assertFalse(Files.exists(root.resolve(id)));
    }
}
