package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.RlimitResource;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Spawning, waiting and signalling real children; nothing here needs root or changes the host. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FfmProcessesTest {
    private final FfmProcesses processes = new FfmProcesses();
    @TempDir
    Path dir;

    private int spawn(String... argv) {
        return processes.spawn(new SpawnRequest(argv[0], List.of(argv), FfmTestShell.ENV, Set.of(), Map.of(), List.of()));
    }

    @Test
    void waitFor_reportsTheExitCode() {
        assertEquals(ExitStatus.exited(3), processes.waitFor(spawn("/bin/sh", "-c", "exit 3")));
    }

    @Test
    void waitFor_reportsTheSignalThatKilledTheChild() {
        int pid = spawn("/bin/sleep", "30");
        processes.kill(pid, 9);
        assertEquals(ExitStatus.killed(9), processes.waitFor(pid));
    }

    @Test
    void waitFor_aProcessThatIsNotOurChild_isECHILD() {
        var e = assertThrows(SyscallException.class, () -> processes.waitFor(1));
        assertEquals(Errno.ECHILD, e.errno());
    }

    @Test
    void kill_ofAReapedProcess_isESRCH() {
        int pid = spawn("/bin/true");
        processes.waitFor(pid);
        var e = assertThrows(SyscallException.class, () -> processes.kill(pid, 0));
        assertEquals(Errno.ESRCH, e.errno());
    }

    @Test
    void aRunningChild_isAlive_andHasAStartTime() {
        int pid = spawn("/bin/sleep", "30");
        try {
            assertTrue(processes.isAlive(pid));
            assertTrue(processes.startTime(pid).isPresent());
            assertTrue(processes.startTime(pid).getAsLong() >= processes.startTime(processes.self()).getAsLong());
        } finally {
            processes.kill(pid, 9);
            processes.waitFor(pid);
        }
    }

    @Test
    void anExitedChildNotYetReaped_isAZombie_notAlive_butStillHasItsStartTime() throws InterruptedException {
        int pid = spawn("/bin/true");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (processes.isAlive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(processes.isAlive(pid));
        assertTrue(processes.startTime(pid).isPresent());
        assertEquals(ExitStatus.exited(0), processes.waitFor(pid));
        assertTrue(processes.startTime(pid).isEmpty());
    }

    @Test
    void self_isTheJvmsPid() {
        assertEquals(ProcessHandle.current().pid(), processes.self());
    }

    @Test
    void spawn_ofAMissingProgram_isENOENT() {
        var e = assertThrows(SyscallException.class, () -> spawn("/no/such/program"));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("posix_spawn", e.syscall());
    }

    @Test
    void exec_ofAMissingProgram_returnsByThrowingENOENT() {
        var e = assertThrows(SyscallException.class, () -> processes.exec("/no/such/program", List.of("x"), List.of()));
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void spawn_passesArgvAndEnv() {
        Path out = dir.resolve("args");
        int pid = processes.spawn(new SpawnRequest("/bin/sh",
                List.of("sh", "-c", "echo \"$1 $2|$JRUNC_X\" >" + out, "sh", "a", "b"),
                List.of("JRUNC_X=v"), Set.of(), Map.of(), List.of()));
        assertEquals(ExitStatus.exited(0), processes.waitFor(pid));
        assertEquals("a b|v", FfmTestShell.read(out));
    }

    @Test
    void spawn_keepsExactlyTheInheritedFds_evenCloseOnExecOnes() throws Exception {
        Path file = Files.createFile(dir.resolve("fd"));
        int kept = FfmLibc.open(file.toString(), FfmLibc.O_RDONLY | FfmLibc.O_CLOEXEC, 0);
        int notKept = FfmLibc.open(file.toString(), FfmLibc.O_RDONLY, 0);
        try {
            Path out = dir.resolve("fds");
            String script = "test -e /proc/self/fd/" + kept + " && echo kept; test -e /proc/self/fd/" + notKept
                    + " && echo leaked; true";
            int pid = processes.spawn(FfmTestShell.request(out, script, Set.of(), Map.of(), List.of(kept)));
            assertEquals(ExitStatus.exited(0), processes.waitFor(pid));
            assertEquals("kept", FfmTestShell.read(out));
        } finally {
            FfmLibc.close(kept);
            FfmLibc.close(notKept);
        }
    }

    @Test
    void aChild_startsWithNoBlockedOrIgnoredSignals_whateverTheJvmDoes() {
        String printed = FfmTestShell.run(dir, "exec grep -E '^Sig(Blk|Ign)' /proc/self/status");
        assertEquals(List.of("SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000"), printed.lines().toList());
    }

    @Test
    void umask_appliesToFilesTheProcessCreates() throws Exception {
        String before = FfmTestShell.read(Path.of("/proc/self/status")).lines()
                .filter(l -> l.startsWith("Umask:")).findFirst().orElseThrow().split("\\s+")[1];
        FfmSyscalls syscalls = new FfmSyscalls();
        try {
            syscalls.umask(077);
            new FfmFilesystem().touch(dir.resolve("private").toString(), 0666);
        } finally {
            syscalls.umask(Integer.parseInt(before, 8));
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("private"))));
    }

    @Test
    void prlimit_lowersAChildsLimits() {
        int pid = spawn("/bin/sleep", "30");
        try {
            new FfmSyscalls().prlimit(pid, RlimitResource.RLIMIT_NOFILE, 100, 200);
            String limits = FfmTestShell.read(Path.of("/proc/" + pid + "/limits"));
            assertTrue(limits.lines().anyMatch(l -> l.matches("Max open files\\s+100\\s+200\\s+files\\s*")), limits);
        } finally {
            processes.kill(pid, 9);
            processes.waitFor(pid);
        }
    }

    @Test
    void procFs_readsAndWritesAChildsOomScoreAdj_andReportsABadValueAsEINVAL() {
        FfmProcFs procFs = new FfmProcFs();
        int pid = spawn("/bin/sleep", "30");
        try {
            procFs.write(pid, "oom_score_adj", "500");
            assertEquals("500", procFs.read(pid, "oom_score_adj").orElseThrow().trim());
            var e = assertThrows(SyscallException.class, () -> procFs.write(pid, "oom_score_adj", "1001"));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(procFs.read(pid, "no-such-file").isEmpty());
        } finally {
            processes.kill(pid, 9);
            processes.waitFor(pid);
        }
    }
}
