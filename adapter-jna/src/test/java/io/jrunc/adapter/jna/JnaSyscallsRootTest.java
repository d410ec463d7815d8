package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RlimitResource;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JnaSyscallsRootTest extends JnaRootTest {
    private final JnaSyscalls syscalls = new JnaSyscalls();
    private final JnaProcFs procFs = new JnaProcFs();

    @Test
    void sethostnameOnAThreadWithItsOwnUtsNamespace() {
        String seen = onOwnUtsNamespace(() -> {
            syscalls.sethostname("jrunc-thread");
            syscalls.setdomainname("jrunc-domain");
            return JnaNamespacesRootTest.hostnameOfThisThread() + " "
                    + new String(JnaFileIo.readIfExists("/proc/sys/kernel/domainname").orElseThrow()).trim();
        });

        assertEquals("jrunc-thread jrunc-domain", seen);
    }

    @Test
    void sethostnameOfSixtyFiveBytesIsEinval() {
        SyscallException e = onOwnUtsNamespace(() ->
                assertThrows(SyscallException.class, () -> syscalls.sethostname("x".repeat(65))));

        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("sethostname", e.syscall());
    }

    @Test
    void prlimitLowersAChildsLimits() throws InterruptedException {
        int pid = JnaTestChild.start("exec sleep 30", Set.of());
        try {
            JnaTestChild.awaitComm(pid, "sleep");

            syscalls.prlimit(pid, RlimitResource.RLIMIT_NOFILE, 64, 128);

            String limits = procFs.read(pid, "limits").orElseThrow();
            assertTrue(limits.matches("(?s).*Max open files\\s+64\\s+128\\s.*"), limits);
        } finally {
            JnaTestChild.stop(pid);
        }
    }

    @Test
    void prlimitOfADeadPidIsEsrch() {
        int pid = JnaTestChild.run("true").pid;

        SyscallException e = assertThrows(SyscallException.class,
                () -> syscalls.prlimit(pid, RlimitResource.RLIMIT_NOFILE, 64, 128));

        assertEquals(Errno.ESRCH, e.errno());
    }

    @Test
    void oomScoreAdjOfAChildThroughProcFs() throws InterruptedException {
        int pid = JnaTestChild.start("exec sleep 30", Set.of());
        try {
            JnaTestChild.awaitComm(pid, "sleep");

            procFs.write(pid, "oom_score_adj", "500");

            assertEquals("500", procFs.read(pid, "oom_score_adj").orElseThrow().trim());
            SyscallException e = assertThrows(SyscallException.class, () -> procFs.write(pid, "oom_score_adj", "5000"));
            assertEquals(Errno.EINVAL, e.errno());
        } finally {
            JnaTestChild.stop(pid);
        }
    }

    private static <T> T onOwnUtsNamespace(java.util.function.Supplier<T> work) {
        return JnaFreshThread.call("test-uts", () -> {
            new JnaNamespaces().unshare(Set.of(Namespace.UTS));
            return work.get();
        });
    }
}
