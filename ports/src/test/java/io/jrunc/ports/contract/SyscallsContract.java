package io.jrunc.ports.contract;

import io.jrunc.ports.Syscalls;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RlimitResource;
import io.jrunc.ports.model.SpawnRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** sethostname, setdomainname (in a UTS namespace of their own), prlimit and umask. */
public abstract class SyscallsContract extends PortContract {
    private Syscalls syscalls() {
        return ports().syscalls();
    }

    @Test
    void hostAndDomainNameInAUtsNamespace_andSixtyFiveBytesAreEINVAL() {
        assumePrivileged();

        List<String> names = ports().isolated(Set.of(Namespace.UTS), () -> {
            syscalls().sethostname("jrunc-contract");
            syscalls().setdomainname("jrunc-domain");
            List<String> set = List.of(ports().hostname(), ports().domainname());
            assertErrno(Errno.EINVAL, () -> syscalls().sethostname("x".repeat(65)));
            assertErrno(Errno.EINVAL, () -> syscalls().setdomainname("x".repeat(65)));
            // sixty-four bytes is HOST_NAME_MAX itself: taken whole
            syscalls().sethostname("h".repeat(64));
            return List.of(set.get(0), set.get(1), ports().hostname(), ports().domainname());
        });

        assertEquals(List.of("jrunc-contract", "jrunc-domain", "h".repeat(64), "jrunc-domain"), names,
                "what was set reads back, and a refused name changed nothing");
    }

    @Test
    void prlimitOfAChild_andSoftAboveHardIsEINVAL() {
        int pid = sleeper();
        try {
            syscalls().prlimit(pid, RlimitResource.RLIMIT_NOFILE, 64, 128);
            syscalls().prlimit(pid, RlimitResource.RLIMIT_CORE, 4096, -1);

            assertArrayEquals(new long[] {64, 128}, ports().rlimit(pid, RlimitResource.RLIMIT_NOFILE));
            assertArrayEquals(new long[] {4096, -1}, ports().rlimit(pid, RlimitResource.RLIMIT_CORE),
                    "RLIM_INFINITY is -1 both ways");
            assertErrno(Errno.EINVAL, () -> syscalls().prlimit(pid, RlimitResource.RLIMIT_NOFILE, 256, 128));
            assertArrayEquals(new long[] {64, 128}, ports().rlimit(pid, RlimitResource.RLIMIT_NOFILE),
                    "a refused limit changed nothing");
        } finally {
            ports().processes().kill(pid, 9);
            ports().processes().waitFor(pid);
        }
    }

    @Test
    void prlimitOfAReapedPidIsESRCH_beforeItLooksAtTheLimits() {
        int pid = sleeper();
        ports().processes().kill(pid, 9);
        ports().processes().waitFor(pid);

        assertErrno(Errno.ESRCH, () -> syscalls().prlimit(pid, RlimitResource.RLIMIT_NOFILE, 64, 128));
        assertErrno(Errno.ESRCH, () -> syscalls().prlimit(pid, RlimitResource.RLIMIT_NOFILE, 256, 128));
    }

    /** In a mount namespace of its own the thread has its own fs_struct, so the umask is its alone. */
    @Test
    void umaskOfTheCallerReadsBack() {
        assumePrivileged();
        List<Integer> masks = ports().isolated(Set.of(Namespace.MOUNT), () -> {
            syscalls().umask(0027);
            int first = ports().umask();
            syscalls().umask(0);
            return List.of(first, ports().umask());
        });

        assertEquals(List.of(0027, 0), masks);
    }

    private int sleeper() {
        ports().seedExecutable("/bin/sleep");
        return ports().processes().spawn(new SpawnRequest("/bin/sleep", List.of("sleep", "30"), List.of(), Set.of(),
                Map.of(), List.of()));
    }
}
