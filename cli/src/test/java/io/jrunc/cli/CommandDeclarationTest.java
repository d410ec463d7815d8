package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options and parameters declared in code: defaults, required parameters, the rest of a line, resets. */
class CommandDeclarationTest {
    static final class Sample implements Runnable {
        String name;
        int count;
        boolean loud;
        String id;
        String signal;
        final List<String> rest = new ArrayList<>();

        CommandLine commandLine() {
            return new CommandLine(CommandDeclaration.of(this, "a sample")
                    .option("-n", "--name").label("<name>").description("the name")
                    .into(String.class, "anon", v -> name = v)
                    .option("--count").label("<n>").into(int.class, 3, v -> count = v)
                    .option("--loud").flag(v -> loud = v)
                    .parameter("<id>").into(String.class, null, v -> id = v)
                    .parameter("<signal>").optional(String.class, "TERM", v -> signal = v)
                    .parameter("<rest>").rest(() -> rest)
                    .spec());
        }

        @Override
        public void run() {
        }
    }

    @Test
    void givenValuesAreSetAndTheOthersKeepTheirInitialValue() {
        Sample sample = new Sample();
        sample.commandLine().parseArgs("--count", "7", "--loud", "c1");

        assertEquals("anon", sample.name);
        assertEquals(7, sample.count);
        assertTrue(sample.loud);
        assertEquals("c1", sample.id);
        assertEquals("TERM", sample.signal);
        assertEquals(List.of(), sample.rest);
    }

    @Test
    void everythingAfterTheDeclaredParametersIsTheRest() {
        Sample sample = new Sample();
        sample.commandLine().parseArgs("c1", "KILL", "a", "b");

        assertEquals("KILL", sample.signal);
        assertEquals(List.of("a", "b"), sample.rest);
    }

    @Test
    void aSecondParseStartsFromTheInitialValuesAgain() {
        Sample sample = new Sample();
        CommandLine line = sample.commandLine();
        line.parseArgs("--name", "x", "--loud", "c1", "KILL", "a");
        line.parseArgs("c2");

        assertEquals("anon", sample.name);
        assertFalse(sample.loud);
        assertEquals("TERM", sample.signal);
        assertEquals(List.of(), sample.rest);
    }

    @Test
    void unmatchedArgumentsAreCollectedAndEmptiedBeforeTheNextParse() {
        List<String> unmatched = new ArrayList<>();
        CommandLine line = new CommandLine(CommandDeclaration.of(new Sample(), "takes anything")
                .unmatched(unmatched).spec());
        line.parseArgs("a", "--b", "c");
        assertEquals(List.of("a", "--b", "c"), unmatched);
        line.parseArgs("d");
        assertEquals(List.of("d"), unmatched);
    }

    @Test
    void aMissingRequiredParameterIsAUsageError() {
        var e = assertThrows(CommandLine.MissingParameterException.class, () -> new Sample().commandLine().parseArgs());
        assertTrue(e.getMessage().contains("<id>"), e.getMessage());
    }

    @Test
    void theHelpShowsTheInitialValueAsTheDefault() {
        String help = HelpPage.of(new Sample().commandLine().getCommandSpec());

        assertTrue(help.contains("   --name value, -n value  the name (default: \"anon\")\n"), help);
        assertTrue(help.contains("   --count value           (default: 3)\n"), help);
        assertTrue(help.contains("   --loud\n"), help);
        assertTrue(help.contains(" - a sample\n"), help);
    }
}
