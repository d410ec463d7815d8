package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Children born in new namespaces and in joined ones; unshare/setns on threads of their own. */
@Tag("root")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FfmNamespacesRootTest {
    private final FfmProcesses processes = new FfmProcesses();
    private final FfmNamespaces namespaces = new FfmNamespaces();
    private final String hostHostname = FfmTestShell.hostname();
    @TempDir
    Path dir;

    @AfterEach
    void hostIsUnchanged() throws IOException {
        assertEquals(hostHostname, FfmTestShell.hostname());
        assertEquals(0, Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().filter(l -> l.contains("jrunc")).count());
    }

    private static String link(String path) {
        try {
            return Files.readSymbolicLink(Path.of(path)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aChildInANewPidNamespace_isPid1_andItsHostPidIsReturned() {
        Path out = dir.resolve("pid");
        int pid = processes.spawn(FfmTestShell.request(out, "echo $$; readlink /proc/self/ns/pid",
                Set.of(Namespace.PID, Namespace.MOUNT), Map.of(), List.of()));
        assertTrue(pid > 1);
        assertEquals(ExitStatus.exited(0), processes.waitFor(pid));
        List<String> lines = FfmTestShell.read(out).lines().toList();
        assertEquals("1", lines.get(0));
        assertNotEquals(link("/proc/self/ns/pid"), lines.get(1));
    }

    @Test
    void aChildInANewUtsNamespace_startsWithTheHostsName_andKeepsItsOwnChangeToItself() {
        String printed = FfmTestShell.run(dir, "hostname; hostname jrunc-uts-test; hostname",
                Set.of(Namespace.UTS), Map.of());
        assertEquals(List.of(hostHostname, "jrunc-uts-test"), printed.lines().toList());
    }

    @Test
    void aChild_joinsAnotherProcesssNamespace_byItsProcPath() throws Exception {
        Path ready = dir.resolve("ready");
        int owner = processes.spawn(FfmTestShell.request(dir.resolve("owner"),
                "hostname jrunc-joined && touch " + ready + " && exec sleep 30", Set.of(Namespace.UTS), Map.of(), List.of()));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(ready) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            String printed = FfmTestShell.run(dir, "hostname", Set.of(),
                    Map.of(Namespace.UTS, "/proc/" + owner + "/ns/uts"));
            assertEquals("jrunc-joined", printed);
        } finally {
            processes.kill(owner, 9);
            processes.waitFor(owner);
        }
    }

    @Test
    void unshare_changesOnlyTheCallingThread_andSetnsTakesItBack() {
        String host = link("/proc/self/ns/uts");
        List<String> seen = FfmDedicatedThread.call("unshare-test", () -> {
            namespaces.unshare(Set.of(Namespace.UTS));
            String own = link("/proc/thread-self/ns/uts");
            namespaces.setns("/proc/self/ns/uts", Namespace.UTS);
            return List.of(own, link("/proc/thread-self/ns/uts"));
        });
        assertNotEquals(host, seen.get(0));
        assertEquals(host, seen.get(1));
        assertEquals(host, link("/proc/self/ns/uts"));
    }

    @Test
    void aUserNamespace_cannotBeUnsharedByAMultiThreadedJvm() {
        var e = assertThrows(SyscallException.class, () -> FfmDedicatedThread.call("userns-test", () -> {
            namespaces.unshare(Set.of(Namespace.USER));
            return null;
        }));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void sethostname_inAThreadsOwnUtsNamespace_setsIt_andRejects65Bytes() {
        FfmSyscalls syscalls = new FfmSyscalls();
        FfmProcFs procFs = new FfmProcFs();
        var e = assertThrows(SyscallException.class, () -> FfmDedicatedThread.call("uts-test", () -> {
            namespaces.unshare(Set.of(Namespace.UTS));
            syscalls.sethostname("jrunc-thread");
            assertEquals("jrunc-thread", FfmTestShell.read(Path.of("/proc/sys/kernel/hostname")));
            procFs.writeSysctl("kernel.hostname", "jrunc-sysctl");
            assertEquals("jrunc-sysctl", FfmTestShell.read(Path.of("/proc/sys/kernel/hostname")));
            syscalls.setdomainname("jrunc.test");
            assertEquals("jrunc.test", FfmTestShell.read(Path.of("/proc/sys/kernel/domainname")));
            syscalls.sethostname("x".repeat(65));
            return null;
        }));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("sethostname", e.syscall());
    }
}
