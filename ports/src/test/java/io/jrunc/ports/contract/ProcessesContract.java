package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.SpawnRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** spawn, kill and wait4 as a parent sees them, on children that run /bin/sh and /bin/sleep. */
public abstract class ProcessesContract extends PortContract {
    private Processes processes() {
        return ports().processes();
    }

    @BeforeEach
    void programs() {
        ports().seedExecutable("/bin/sh");
        ports().seedExecutable("/bin/sleep");
    }

    private int spawn(String executable, String... argv) {
        return processes().spawn(new SpawnRequest(executable, List.of(argv), List.of(), Set.of(), Map.of(), List.of()));
    }

    @Test
    void aChildThatExitsIsWaitedForWithItsCode() {
        int pid = spawn("/bin/sh", "sh", "-c", "exit 3");
        ports().programExited(pid, 3);

        assertEquals(ExitStatus.exited(3), processes().waitFor(pid));
    }

    @Test
    void aLiveChildHasAStartTime_andSigkillEndsIt() {
        int pid = spawn("/bin/sleep", "sleep", "30");

        assertTrue(processes().isAlive(pid));
        assertTrue(processes().startTime(pid).isPresent());
        processes().kill(pid, 0);
        processes().kill(pid, 9);

        assertEquals(ExitStatus.killed(9), processes().waitFor(pid));
        assertFalse(processes().isAlive(pid));
        assertTrue(processes().startTime(pid).isEmpty());
    }

    @Test
    void waitingTwiceForAChildIsECHILD_andKillingItOnceReapedESRCH() {
        int pid = spawn("/bin/sleep", "sleep", "30");
        processes().kill(pid, 9);
        processes().waitFor(pid);

        assertErrno(Errno.ECHILD, () -> processes().waitFor(pid));
        assertErrno(Errno.ESRCH, () -> processes().kill(pid, 9));
    }

    @Test
    void anEndedChildNotYetWaitedForIsNotAlive_butCanStillBeSignalled() throws Exception {
        int pid = spawn("/bin/sleep", "sleep", "30");
        processes().kill(pid, 9);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (processes().isAlive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertFalse(processes().isAlive(pid));
        processes().kill(pid, 15); // a zombie still takes signals: kill(2) succeeds
        assertEquals(ExitStatus.killed(9), processes().waitFor(pid));
    }

    @Test
    void waitingForAProcessThatIsNoChildOfOursIsECHILD() {
        assertErrno(Errno.ECHILD, () -> processes().waitFor(1));
    }

    @Test
    void anUnknownSignalIsEINVAL() {
        int pid = spawn("/bin/sleep", "sleep", "30");
        try {
            assertErrno(Errno.EINVAL, () -> processes().kill(pid, 99));
        } finally {
            processes().kill(pid, 9);
            processes().waitFor(pid);
        }
    }

    @Test
    void theCallerIsAProcess() {
        int self = processes().self();

        assertTrue(self > 0);
        assertTrue(processes().isAlive(self));
    }
}
