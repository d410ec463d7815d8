package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static io.jrunc.adapter.jna.JnaTestChild.PROCESSES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JnaProcessesRootTest extends JnaRootTest {
    @Test
    void givenAChildInNewPidAndMountNamespaces_thenItIsPidOneThereAndTheHostSeesAnotherPid() {
        JnaTestChild.JnaResult child = JnaTestChild.run("echo $$", Set.of(Namespace.PID, Namespace.MOUNT), Map.of());

        assertEquals("1", child.output);
        assertNotEquals(1, child.pid);
        assertEquals(ExitStatus.exited(0), child.status);
    }

    @Test
    void givenAChildWithoutNewNamespaces_thenItSharesOurs() {
        JnaTestChild.JnaResult child = JnaTestChild.run("readlink /proc/$$/ns/pid /proc/$$/ns/uts");

        assertEquals(link("pid") + "\n" + link("uts"), child.output);
    }

    @Test
    void spawnGivesTheChildExactlyTheInheritedFds() {
        int[] other = new int[2];
        JnaCheck.call("pipe2", "", () -> JnaLibc.INSTANCE.pipe2(other, 0)); // no CLOEXEC: would leak if not closed
        try {
            JnaTestChild.JnaResult child = JnaTestChild.run("ls /proc/self/fd | sort -n | tr '\\n' ' '");
            // ls sees stdin, stdout (the pipe), stderr, the pipe under its own number and the directory it lists
            assertEquals(5, child.output.split(" ").length, child.output);
            assertFalse(List.of(child.output.split(" ")).contains(Integer.toString(other[1])));
        } finally {
            JnaFileIo.closeQuietly(other[0]);
            JnaFileIo.closeQuietly(other[1]);
        }
    }

    @Test
    void waitForTellsExitCodesAndSignals() {
        assertEquals(ExitStatus.exited(7), JnaTestChild.run("exit 7").status);

        int pid = JnaTestChild.start("exec sleep 30", Set.of());
        PROCESSES.kill(pid, 15);
        ExitStatus killed = PROCESSES.waitFor(pid);

        assertEquals(ExitStatus.killed(15), killed);
        assertEquals(143, killed.shellStatus());
    }

    @Test
    void waitForAProcessThatIsNotOurChildIsEchild() {
        SyscallException e = assertThrows(SyscallException.class, () -> PROCESSES.waitFor(1));

        assertEquals(Errno.ECHILD, e.errno());
    }

    @Test
    void givenAZombie_thenItIsNotAliveButHasAStartTimeUntilReaped() throws InterruptedException {
        int pid = JnaTestChild.start("exit 0", Set.of());
        for (int i = 0; i < 500 && PROCESSES.isAlive(pid); i++) {
            Thread.sleep(10);
        }

        assertFalse(PROCESSES.isAlive(pid));
        assertTrue(PROCESSES.startTime(pid).isPresent());
        assertEquals(ExitStatus.exited(0), PROCESSES.waitFor(pid));
        assertEquals(OptionalLong.empty(), PROCESSES.startTime(pid));
        SyscallException e = assertThrows(SyscallException.class, () -> PROCESSES.kill(pid, 0));
        assertEquals(Errno.ESRCH, e.errno());
    }

    @Test
    void aRunningChildIsAliveAndStartedAfterUs() throws InterruptedException {
        int pid = JnaTestChild.start("exec sleep 30", Set.of());
        try {
            JnaTestChild.awaitComm(pid, "sleep");
            assertTrue(PROCESSES.isAlive(pid));
            assertTrue(PROCESSES.startTime(pid).getAsLong() >= PROCESSES.startTime(PROCESSES.self()).getAsLong());
            PROCESSES.kill(pid, 0);
        } finally {
            JnaTestChild.stop(pid);
        }
    }

    @Test
    void spawningAMissingExecutableIsEnoent() {
        SyscallException e = assertThrows(SyscallException.class, () -> PROCESSES.spawn(
                new io.jrunc.ports.model.SpawnRequest("/nonexistent/jrunc", List.of("x"), List.of(), Set.of(), Map.of(),
                        List.of(0, 1, 2))));

        assertEquals(Errno.ENOENT, e.errno());
    }

    private static String link(String ns) {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/" + ns)).toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
