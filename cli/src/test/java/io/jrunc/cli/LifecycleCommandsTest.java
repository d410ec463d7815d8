package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    // Compared with runc 1.1.5 on the same bundle (docs/supported.md, "Differences from runc 1.1.5").

    @Test
    void stateLeavesOwnerEmptyAndEndsWithoutANewlineAsRuncsStateDoes() {
        CgroupCli cli = new CgroupCli();
        cli.running("web");
        Cli.Result state = cli.run("state", "web");
        assertEquals(0, state.status(), state.toString());
        assertTrue(state.out().endsWith("  \"owner\": \"\"\n}"), state.toString());
        Cli.Result list = cli.run("list", "--format", "json");
        assertTrue(list.out().endsWith("\"owner\":\"root\"}]\n"), list.toString());
    }

    @Test
    void aNumberIsPassedToTheKernelAsRuncPassesItSoSignalZeroProbes() {
        CgroupCli cli = new CgroupCli();
        int pid = cli.running("web");
        Cli.Result probe = cli.run("kill", "web", "0");
        assertEquals(0, probe.status(), probe.toString());
        assertTrue(cli.kernel.isAlive(pid));
        Cli.Result tooHigh = cli.run("kill", "web", "99");
        assertEquals(1, tooHigh.status(), tooHigh.toString());
        assertFalse(tooHigh.err().contains("unknown signal"), tooHigh.toString());
        assertTrue(tooHigh.err().contains("invalid argument"), tooHigh.toString());
    }

    @Test
    void killAllOfAStoppedContainerSucceedsAsRuncsDoesButKillOfItsInitIsRefused() {
        CgroupCli cli = new CgroupCli();
        int pid = cli.running("web");
        cli.kernel.exit(pid, 0);
        Cli.Result all = cli.run("kill", "--all", "web", "KILL");
        assertEquals(0, all.status(), all.toString());
        Cli.Result init = cli.run("kill", "web", "KILL");
        assertEquals(1, init.status(), init.toString());
        assertTrue(init.err().contains("container not running"), init.toString());
    }

    @Test
    void sigkillOfAPausedContainersInitThawsItsCgroupAsRuncDoes() {
        CgroupCli cli = new CgroupCli();
        cli.running("web");
        assertEquals(0, cli.run("pause", "web").status());
        assertEquals(0, cli.run("kill", "web", "CONT").status());
        assertTrue(cli.cgroups.of("web").frozen, "only SIGKILL thaws");
        Cli.Result killed = cli.run("kill", "web", "KILL");
        assertEquals(0, killed.status(), killed.toString());
        assertFalse(cli.cgroups.of("web").frozen);
    }

    @Test
    void aMissingBundleOrConfigIsReportedInRuncsWords(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        Cli noBundle = Cli.run("--backend", "fake", "create", "--bundle", tmp + "/none", "web");
        assertEquals(1, noBundle.status, noBundle.toString());
        assertTrue(noBundle.err.contains("jrunc create failed: chdir " + tmp + "/none: no such file or directory"),
                noBundle.toString());
        Cli noConfig = Cli.run("--backend", "fake", "run", "--bundle", tmp.toString(), "web");
        assertEquals(1, noConfig.status, noConfig.toString());
        assertTrue(noConfig.err.contains("jrunc run failed: JSON specification file config.json not found"),
                noConfig.toString());
    }
}
