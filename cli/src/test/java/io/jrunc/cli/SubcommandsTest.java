package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Only the subcommand a command line names is registered; whatever lists them all gets them all. */
class SubcommandsTest {
    private static Set<String> registered(String... args) {
        CommandLine root = new CommandLine(new RuntimeCommand().spec());
        Subcommands.register(root, args);
        return root.getSubcommands().keySet();
    }

    @Test
    void theNamedSubcommandAloneAfterTheGlobalFlagsInEitherForm() {
        assertEquals(Set.of("run"), registered("run", "--bundle", "b", "id"));
        assertEquals(Set.of("state"), registered("--root", "/r", "--log-format=json", "--debug", "state", "id"));
        assertEquals(Set.of("kill"), registered("--root=/r", "--systemd-cgroup", "kill", "id", "KILL"));
    }

    @Test
    void anOptionalFlagValueIsTakenUnlessASubcommandOrAFlagFollows() {
        assertEquals(Set.of("list"), registered("--rootless", "list"));
        assertEquals(Set.of("list"), registered("--rootless", "true", "list"));
        assertEquals(Set.of("list"), registered("--rootless", "--debug", "list"));
    }

    @Test
    void aFlagValueThatLooksLikeASubcommandIsAValue() {
        assertEquals(Set.of("delete"), registered("--root", "state", "delete", "id"));
    }

    @Test
    void noSubcommandAnUnknownOneOrAnUnknownFlagRegistersAll() {
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"-v"},
                new String[] {"runn", "x"}, new String[] {"-root", "/r", "state", "x"},
                new String[] {"--bogus", "state", "x"})) {
            assertEquals(18, registered(args).size(), String.join(" ", args));
        }
    }

    @Test
    void theRootsUsageListsEverySubcommandAsBefore() {
        Cli help = Cli.run("--help");
        Cli error = Cli.run("--bogus", "state", "x");
        for (String command : List.of("create", "start", "run", "state", "list", "kill", "delete", "exec", "ps",
                "update", "features")) {
            assertTrue(help.out.contains("\n   " + command + " "), command + " in\n" + help.out);
            assertTrue(error.err.contains("\n   " + command + " "), command + " in\n" + error.err);
        }
        assertEquals(ExitCodes.USAGE, error.status, error.toString());
    }

    @Test
    void psStillHandsEverythingAfterTheIdToPs() {
        CommandLine root = new CommandLine(new RuntimeCommand().spec());
        Subcommands.register(root, new String[] {"ps", "id", "-o", "pid"});
        assertTrue(root.getSubcommands().get("ps").isStopAtPositional());
    }
}
