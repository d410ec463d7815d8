package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lifecycle commands' refusals, over the fake backend: no root, nothing on the host. */
class LifecycleCommandsTest {
    @Test
    void anInvalidIdIsRefusedWithRuncsMessage() {
        Cli cli = Cli.run("--backend", "fake", "state", "../etc");
        assertEquals(1, cli.status);
        assertTrue(cli.err.contains("invalid container ID format"), cli.toString());
    }

    @Test
    void killOfAMissingContainerSaysItDoesNotExist() {
        Cli cli = Cli.run("--backend", "fake", "kill", "nope", "KILL");
        assertEquals(1, cli.status);
        assertTrue(cli.err.contains("container does not exist"), cli.toString());
    }

    @Test
    void anUnknownSignalIsNamed() {
        Cli cli = Cli.run("--backend", "fake", "kill", "nope", "SIGBOGUS");
        assertEquals(1, cli.status);
        assertTrue(cli.err.contains("unknown signal \\\"SIGBOGUS\\\""), cli.toString());
    }

    @Test
    void deleteWithoutForceOfAMissingContainerFailsAndWithForceSucceeds() {
        assertEquals(1, Cli.run("--backend", "fake", "delete", "nope").status);
        assertEquals(0, Cli.run("--backend", "fake", "delete", "--force", "nope").status);
        assertEquals(0, Cli.run("--backend", "fake", "delete", "--force", "nope").status);
    }

    @Test
    void listOfNoContainersPrintsRuncsHeaderOrNull() {
        assertEquals(ListCommand.table(java.util.List.of()), Cli.run("--backend", "fake", "list").out);
        assertEquals("null\n", Cli.run("--backend", "fake", "list", "--format", "json").out);
        assertEquals("", Cli.run("--backend", "fake", "list", "-q").out);
    }
}
