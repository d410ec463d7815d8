package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** exec's command line, on the fake backend: runc's flags, its exit status 255 and its words when exec fails. */
class ExecCommandTest {
    @Test
    void theHelpListsRuncsFlags() {
        Cli help = Cli.run("--backend", "fake", "exec", "--help");
        assertEquals(0, help.status, help.toString());
        for (String flag : new String[] {"--console-socket", "--cwd", "--env", "--tty", "--user", "--additional-gids",
                "--process", "--detach", "--pid-file", "--process-label", "--apparmor", "--no-new-privs", "--cap",
                "--preserve-fds", "--cgroup", "--ignore-paused"}) {
            assertTrue(help.out.contains(flag), flag + "\n" + help.out);
        }
    }

    @Test
    void anUnknownContainerFailsWith255AsRuncs() {
        Cli cli = Cli.run("--backend", "fake", "exec", "nope", "true");
        assertEquals(255, cli.status, cli.toString());
        assertTrue(cli.err.contains("exec failed: container does not exist"), cli.err);
    }

    @Test
    void theCommandsOwnOptionsAreNotExecs() {
        // "-c" after the id is sh's, not --cap: the container is looked up, not a capability.
        Cli cli = Cli.run("--backend", "fake", "exec", "nope", "sh", "-c", "exit 7");
        assertEquals(255, cli.status, cli.toString());
        assertTrue(cli.err.contains("container does not exist"), cli.err);
    }

    @Test
    void cgroupValuesAreReadAsRuncReadsThem() {
        assertEquals(java.util.Map.of("", "sub/a"), ExecCommand.subCgroups(java.util.List.of("sub/a")).get());
        assertEquals(java.util.Map.of("cpu", "x", "cpuacct", "x", "pids", "y"),
                ExecCommand.subCgroups(java.util.List.of("cpu,cpuacct:x", "pids:y")).get());
        assertEquals("invalid --cgroup argument: a:b:c", ExecCommand.subCgroups(java.util.List.of("a:b:c")).getLeft());
        assertEquals("invalid --cgroup argument: x (missing <controller>: prefix)",
                ExecCommand.subCgroups(java.util.List.of("x", "cpu:y")).getLeft());
        assertEquals("invalid --cgroup argument: ,cpu:x (empty <controller> prefix)",
                ExecCommand.subCgroups(java.util.List.of(",cpu:x")).getLeft());
        assertEquals("invalid --cgroup argument(s): controller cpu specified multiple times",
                ExecCommand.subCgroups(java.util.List.of("cpu:x", "cpu:y")).getLeft());
        assertTrue(ExecCommand.subCgroups(java.util.List.of("cpu:../../x")).isLeft());
    }
}
