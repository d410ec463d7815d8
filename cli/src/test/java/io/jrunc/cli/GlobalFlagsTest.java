package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlobalFlagsTest {
    @TempDir
    Path dir;

    @Test
    void globalFlagsTakeBothTheEqualsAndTheSpaceForm() {
        Cli equals = Cli.run("--root=" + dir, "--log-format=text", "--backend=fake", "state", "nope");
        Cli spaced = Cli.run("--root", dir.toString(), "--log-format", "text", "--backend", "fake", "state", "nope");
        assertEquals(1, equals.status, equals.toString());
        assertEquals(equals.status, spaced.status);
        assertTrue(spaced.err.contains("msg=\"container does not exist\""), spaced.toString());
    }

    @Test
    void theVersionSaysWhichBackendIsActive() {
        Cli cli = Cli.run("--backend", "fake", "--version");
        assertEquals(0, cli.status);
        assertTrue(cli.out.startsWith("jrunc version "), cli.out);
        assertTrue(cli.out.contains("backend: fake"), cli.out);
    }

    @Test
    void theVersionLinesAreInRuncsOrderWithJruncsOwnLast() {
        for (String flag : List.of("--version", "-v")) {
            Cli cli = Cli.run(flag);
            assertEquals(0, cli.status, cli.toString());
            List<String> lines = List.of(cli.out.split("\n"));
            assertEquals("jrunc version " + VersionProvider.VERSION, lines.get(0));
            assertTrue(lines.get(1).matches("commit: \\S+"), lines.get(1));
            assertEquals("spec: " + VersionProvider.SPEC, lines.get(2));
            assertTrue(lines.get(3).startsWith("java: "), lines.get(3));
            assertTrue(lines.size() == 5 || lines.size() == 6, cli.out);
            if (lines.size() == 6) {
                assertTrue(lines.get(4).matches("libseccomp: \\d+\\.\\d+\\.\\d+"), lines.get(4));
            }
            assertTrue(lines.get(lines.size() - 1).startsWith("backend: "), cli.out);
        }
    }

    @Test
    void theCommitIsWhatTheBuildFoundInGit() {
        // The tests run in cli/, whose BuildCommit the build wrote from git (src/build/build-commit.sh).
        if (Files.exists(Path.of("..", ".git"))) {
            assertTrue(BuildCommit.DESCRIBE.matches("[0-9a-zA-Z._+/-]+"), BuildCommit.DESCRIBE);
            assertTrue(!BuildCommit.DESCRIBE.equals("unknown"), "the build found no commit");
        }
        assertTrue(Cli.run("-v").out.contains("\ncommit: " + BuildCommit.DESCRIBE + "\n"));
    }

    @Test
    void theDefaultBackendFollowsTheJdk() {
        String expected = java.lang.Runtime.version().feature() >= 22 ? "ffm" : "jna";
        assertTrue(Cli.run("-v").out.contains("backend: " + expected));
    }

    @Test
    void anUnknownBackendIsAnErrorNamingTheFlag() {
        Cli cli = Cli.run("--backend", "bogus", "list");
        assertEquals(1, cli.status);
        assertTrue(cli.err.contains("--backend: unknown backend \\\"bogus\\\""), cli.toString());
    }

    @Test
    void withAJsonLogErrorsGoThereAsRuncsJsonLinesAndToStderrAsText() throws Exception {
        Path log = dir.resolve("log.json");
        Cli cli = Cli.run("--log", log.toString(), "--log-format", "json", "--backend", "fake", "state", "nope");
        assertEquals(1, cli.status);
        assertEquals("container does not exist\n", cli.err);
        Map<?, ?> entry = new ObjectMapper().readValue(Files.readString(log), Map.class);
        assertEquals("error", entry.get("level"));
        assertEquals("container does not exist", entry.get("msg"));
        assertTrue(entry.containsKey("time"));
    }

    @Test
    void anUnknownLogFormatIsAUsageError() {
        Cli cli = Cli.run("--log-format", "xml", "list");
        assertEquals(1, cli.status);
        assertTrue(cli.err.contains("--log-format"), cli.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkpoint", "restore"})
    void laterSubcommandsSaySoAndFail(String command) {
        Cli cli = Cli.run("--backend", "fake", command, "x");
        assertEquals(1, cli.status);
        assertTrue(cli.err.contains("jrunc " + command + " is not implemented yet"), cli.toString());
    }

    @Test
    void rootlessTakesAnOptionalValueWithoutSwallowingTheSubcommand() {
        assertEquals(0, Cli.run("--rootless", "--backend", "fake", "list").status);
        assertEquals(0, Cli.run("--rootless=false", "--backend", "fake", "list").status);
    }

    @Test
    void criuTakesAPathAsRuncsDoesAndChangesNothing() {
        assertEquals(0, Cli.run("--criu", "/usr/sbin/criu", "--backend", "fake", "list").status);
        assertEquals(0, Cli.run("--criu=/nowhere", "--backend", "fake", "--root", dir.toString(), "list").status);
    }

    @Test
    void debugAddsDebugEntriesToTheLogAndTheErrorStaysItsLastErrorLine() throws Exception {
        Path log = dir.resolve("debug.json");
        Cli cli = Cli.run("--debug", "--log", log.toString(), "--log-format", "json", "--backend", "fake",
                "--root", dir.toString(), "state", "nope");
        assertEquals(1, cli.status);
        assertEquals("container does not exist\n", cli.err);
        List<Map<?, ?>> entries = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            entries.add(new ObjectMapper().readValue(line, Map.class));
        }
        assertTrue(entries.stream().anyMatch(e -> e.get("level").equals("debug")), entries.toString());
        List<Map<?, ?>> errors = entries.stream().filter(e -> e.get("level").equals("error")).toList();
        assertEquals(1, errors.size(), entries.toString());
        assertEquals("container does not exist", errors.get(0).get("msg"));

        Cli quiet = Cli.run("--log", log.toString(), "--backend", "fake", "--root", dir.toString(), "list");
        assertEquals(0, quiet.status);
        assertEquals(entries.size(), Files.readAllLines(log).size(), "without --debug, no debug entries");
    }
}
