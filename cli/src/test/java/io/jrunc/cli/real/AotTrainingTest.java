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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cache's training workload (`jrunc aot-train`, run by the launcher once per build) creates and
 * deletes a real container as root: it must get that far, and leave nothing of it behind.
 */
@Tag("root")
@Timeout(60)
class AotTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void theTrainingCreatesAndDeletesARealContainerAndLeavesNothing() throws IOException {
        RootTier.requiresRoot();
        List<Path> tempBefore = trainingDirs();

        var train = CliRunner.run(Runtime.version().feature() >= 22 ? "ffm" : "jna", tmp.resolve("state"), "aot-train");

        assertEquals(0, train.status, train.toString());
        assertTrue(train.out.contains("real container: run, created and deleted"), train.toString());
        String id = "jrunc-aot-train-" + ProcessHandle.current().pid();
        assertEquals(List.of(), LeftBehind.cgroups(id), "no cgroup of the training's container is left");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains("jrunc-train"), "no mount is left");
        assertEquals(List.of(), LeftBehind.inits(), "no init is left");
        assertEquals(tempBefore, trainingDirs(), "no working directory is left");
    }

    private static List<Path> trainingDirs() throws IOException {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(temp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("jrunc-train")).sorted().toList();
        }
    }
}
