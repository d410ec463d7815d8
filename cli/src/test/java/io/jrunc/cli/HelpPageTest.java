package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help in runc's layout: its sections in its order, three-space indents, urfave/cli's option lines. */
class HelpPageTest {
    private static final List<String> COMMANDS = List.of("checkpoint", "create", "delete", "events", "exec", "kill",
            "list", "pause", "ps", "restore", "resume", "run", "spec", "start", "state", "update", "features");

    /** The section headers, in the order the page has them. */
    private static List<String> sections(String page) {
        List<String> sections = new ArrayList<>();
        for (String line : page.split("\n")) {
            if (!line.isEmpty() && !line.startsWith(" ")) {
                sections.add(line);
            }
        }
        return sections;
    }

    /** The lines of one section's body. */
    private static List<String> body(String page, String section) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : page.split("\n")) {
            if (!line.isEmpty() && !line.startsWith(" ")) {
                in = line.equals(section + ":");
            } else if (in && !line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void theRootHasRuncsSectionsInRuncsOrder() {
        for (String flag : List.of("--help", "-h")) {
            Cli help = Cli.run(flag);
            assertEquals(0, help.status, help.toString());
            assertEquals("", help.err);
            assertEquals(List.of("NAME:", "USAGE:", "VERSION:", "COMMANDS:", "GLOBAL OPTIONS:"), sections(help.out));
            assertTrue(help.out.startsWith("NAME:\n   jrunc - "), help.out);
            assertEquals(List.of("   jrunc [global options] command [command options] [arguments...]"),
                    body(help.out, "USAGE"));
        }
    }

    @Test
    void everySectionIsIndentedByThreeSpaces() {
        for (String page : List.of(Cli.run("--help").out, Cli.run("update", "--help").out)) {
            for (String line : page.split("\n")) {
                assertTrue(line.isEmpty() || line.endsWith(":") && !line.startsWith(" ") || line.startsWith("   "),
                        "'" + line + "' in\n" + page);
            }
        }
    }

    @Test
    void theRootListsEveryCommandInRuncsOrderButTheInternalOne() {
        List<String> listed = new ArrayList<>();
        for (String line : body(Cli.run("--help").out, "COMMANDS")) {
            listed.add(line.strip().split(" ")[0]);
        }
        assertEquals(COMMANDS, listed);
    }

    @Test
    void theRootsHelpListsEveryCommandInOrderAlsoWhenOneIsNamed() {
        for (String[] args : List.of(new String[] {"--help", "create"}, new String[] {"--log-format", "xml", "run"})) {
            Cli help = Cli.run(args);
            List<String> listed = new ArrayList<>();
            for (String line : body(help.status == 0 ? help.out : help.err, "COMMANDS")) {
                listed.add(line.strip().split(" ")[0]);
            }
            assertEquals(COMMANDS, listed, help.toString());
        }
    }

    @Test
    void theVersionSectionHasTheVersionLinesUnderTheBareVersion() {
        List<String> version = body(Cli.run("--help").out, "VERSION");
        String[] lines = Cli.run("--version").out.split("\n");
        assertEquals("   " + VersionProvider.VERSION, version.get(0));
        for (int i = 1; i < lines.length; i++) {
            assertEquals("   " + lines[i], version.get(i));
        }
    }

    @Test
    void optionsAreUrfaveLinesInOneColumnWithTheirDefaults() {
        List<String> global = body(Cli.run("--help").out, "GLOBAL OPTIONS");
        assertTrue(global.contains("   --help, -h          show help"), String.join("\n", global));
        assertTrue(global.contains("   --version, -v       print the version"), String.join("\n", global));
        assertTrue(global.stream().anyMatch(line -> line.startsWith("   --root value    ")
                && line.endsWith(" (default: \"/run/jrunc\")")), String.join("\n", global));
        assertTrue(global.stream().noneMatch(line -> line.contains("--criu")), "hidden");

        List<String> options = body(Cli.run("create", "--help").out, "OPTIONS");
        assertTrue(options.get(0).startsWith("   --bundle value, -b value  "), options.get(0));
        int column = "   --bundle value, -b value  ".length();
        for (String line : options) {
            assertTrue(line.charAt(column - 1) == ' ' && line.charAt(column) != ' ', line);
        }
        assertTrue(options.stream().anyMatch(line -> line.startsWith("   --preserve-fds value ")
                && line.endsWith(" (default: 0)")), String.join("\n", options));
        // A flag has no value and shows no default; -h is not listed, as in runc.
        assertTrue(options.stream().anyMatch(line -> line.startsWith("   --no-pivot  ")), String.join("\n", options));
        assertTrue(options.stream().noneMatch(line -> line.contains("--help")), String.join("\n", options));
    }

    @Test
    void goRunnersSingleDashSpellingIsNotListedTwice() {
        List<String> options = body(Cli.run("run", "--help").out, "OPTIONS");
        assertTrue(options.stream().anyMatch(line -> line.startsWith("   --no-subreaper  ")), String.join("\n", options));
        assertTrue(options.stream().noneMatch(line -> line.contains("-no-subreaper,")), String.join("\n", options));
    }

    @Test
    void theUsageLineNamesTheArgumentsAsRuncDoes() {
        assertEquals(List.of("   jrunc kill [command options] <container-id> [signal]"),
                body(Cli.run("kill", "-h").out, "USAGE"));
        assertEquals(List.of("   jrunc state <container-id>"), body(Cli.run("state", "-h").out, "USAGE"));
        assertEquals(List.of("   jrunc list [command options]"), body(Cli.run("list", "-h").out, "USAGE"));
        assertEquals(List.of("   jrunc checkpoint [arguments...]"), body(Cli.run("checkpoint", "-h").out, "USAGE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkpoint", "create", "delete", "events", "exec", "kill", "list", "pause", "ps",
        "restore", "resume", "run", "spec", "start", "state", "update", "features"})
    void everyCommandAnswersBothHelpFlagsWithItsHelp(String command) {
        for (String flag : List.of("--help", "-h")) {
            Cli help = Cli.run(command, flag);
            assertEquals(0, help.status, help.toString());
            assertEquals("", help.err);
            assertTrue(help.out.startsWith("NAME:\n   jrunc " + command + " - "), help.out);
            List<String> sections = sections(help.out);
            assertTrue(Set.of(List.of("NAME:", "USAGE:", "DESCRIPTION:", "OPTIONS:"),
                    List.of("NAME:", "USAGE:", "DESCRIPTION:")).contains(sections), sections.toString());
        }
    }

    @Test
    void helpComesFirstWhateverElseTheLineHas() {
        Cli help = Cli.run("--backend", "fake", "create", "--bundle", "/nonexistent", "x", "-h");
        assertEquals(0, help.status, help.toString());
        assertTrue(help.out.startsWith("NAME:\n   jrunc create - "), help.out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkpoint", "restore"})
    void commandsNotBuiltYetHaveTheirHelpButStillFailWhenRun(String command) {
        Cli help = Cli.run("--backend", "fake", command, "--help");
        assertEquals(0, help.status, help.toString());
        assertTrue(help.out.contains("not implemented yet"), help.out);

        Cli run = Cli.run("--backend", "fake", command, "x");
        assertEquals(ExitCodes.ERROR, run.status, run.toString());
        assertEquals("", run.out);
    }

    @Test
    void aUsageErrorPrintsTheErrorAndTheCommandsHelpOnStderr() {
        Cli missing = Cli.run("create");
        assertEquals(ExitCodes.USAGE, missing.status);
        assertEquals("", missing.out);
        assertTrue(missing.err.startsWith("jrunc: Missing required parameter: '<container-id>'\nNAME:\n   jrunc create - "),
                missing.err);

        Cli unknown = Cli.run("--bogus", "list");
        assertEquals(ExitCodes.USAGE, unknown.status);
        assertEquals("", unknown.out);
        assertTrue(unknown.err.startsWith("jrunc: Unknown option: '--bogus'\nNAME:\n   jrunc - "), unknown.err);
    }

    @Test
    void noCommandIsTheRootsHelp() {
        Cli none = Cli.run();
        assertEquals(0, none.status);
        assertEquals(Cli.run("--help").out, none.out);
    }
}
