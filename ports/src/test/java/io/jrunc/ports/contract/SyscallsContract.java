package io.jrunc.ports.contract;

import io.jrunc.ports.Syscalls;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RlimitResource;
import io.jrunc.ports.model.SpawnRequest;
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

        ports().isolated(Set.of(Namespace.UTS), () -> {
            syscalls().sethostname("jrunc-contract");
            syscalls().setdomainname("jrunc-domain");
            assertErrno(Errno.EINVAL, () -> syscalls().sethostname("x".repeat(65)));
            return assertErrno(Errno.EINVAL, () -> syscalls().setdomainname("x".repeat(65)));
        });
    }

    @Test
    void prlimitOfAChild_andSoftAboveHardIsEINVAL() {
        int pid = sleeper();
        try {
            syscalls().prlimit(pid, RlimitResource.RLIMIT_NOFILE, 64, 128);

            assertErrno(Errno.EINVAL, () -> syscalls().prlimit(pid, RlimitResource.RLIMIT_NOFILE, 256, 128));
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

    @Test
    void umaskOfTheCaller() {
        ports().isolated(Set.of(), () -> {
            syscalls().umask(022);
            return null;
        });
    }

    private int sleeper() {
        ports().seedExecutable("/bin/sleep");
        return ports().processes().spawn(new SpawnRequest("/bin/sleep", List.of("sleep", "30"), List.of(), Set.of(),
                Map.of(), List.of()));
    }
}
