package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.ProgramResult;
import io.jrunc.ports.model.ProgramRun;
import io.jrunc.ports.model.SpawnRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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

    /** A hook's run: its stdin given, its stdout and stderr kept, its exit status, from the cwd asked for. */
    @Test
    void aProgramRunReadsItsStdinAndItsOutputIsKept() {
        ports().programRunEnds("/bin/sh", new ProgramResult(ExitStatus.exited(3), false, "state /\n", "err\n"));

        ProgramResult result = processes().run(new ProgramRun("/bin/sh",
                List.of("sh", "-c", "cat; echo \" $PWD\"; echo err >&2; exit 3"), List.of(), Optional.of("/"),
                "state".getBytes(StandardCharsets.UTF_8), Optional.empty()));

        assertEquals(new ProgramResult(ExitStatus.exited(3), false, "state /\n", "err\n"), result);
        assertFalse(result.succeeded());
    }

    /** runc's: nothing but stdin, stdout and stderr; the env is exactly what the run names. */
    @Test
    void aProgramRunGetsNoOtherFdAndOnlyItsEnv() {
        ports().programRunEnds("/bin/sh", new ProgramResult(ExitStatus.exited(0), false, "0\n1\n2\nA=1\n", ""));

        ProgramResult result = processes().run(new ProgramRun("/bin/sh",
                List.of("sh", "-c", "n=0; while [ $n -lt 256 ]; do [ -e /proc/self/fd/$n ] && echo $n; n=$((n+1)); done;"
                        + " env | grep -v '^PWD=' | grep -v SHLVL"),
                List.of("A=1"), Optional.empty(), new byte[0], Optional.empty()));

        assertEquals("0\n1\n2\nA=1\n", result.stdout());
    }

    @Test
    void aProgramRunPastItsTimeoutIsKilled() {
        ports().programRunEnds("/bin/sleep", new ProgramResult(ExitStatus.killed(9), true, "", ""));
        long begun = System.nanoTime();

        ProgramResult result = processes().run(new ProgramRun("/bin/sleep", List.of("sleep", "10"), List.of(),
                Optional.empty(), new byte[0], Optional.of(java.time.Duration.ofMillis(300))));

        assertTrue(result.timedOut());
        assertEquals(ExitStatus.killed(9), result.status());
        assertTrue(System.nanoTime() - begun < java.time.Duration.ofSeconds(5).toNanos());
    }

    @Test
    void aProgramThatIsNotThereIsENOENT() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ports().realKernel(), "the fake runs no program");
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.jrunc.ports.model.SyscallException.class,
                () -> processes().run(new ProgramRun("/nonexistent/hook", List.of("hook"), List.of(), Optional.empty(),
                        new byte[0], Optional.empty())));
        assertEquals(Errno.ENOENT, e.errno());
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
