package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SeccompFilter.Action;
import io.jrunc.ports.model.SeccompFilter.ArgCondition;
import io.jrunc.ports.model.SeccompFilter.Rule;
import io.jrunc.ports.model.SyscallException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A filter loaded on a dedicated thread: seccomp filters are per thread unless TSYNC is asked for, so the
 * rest of the JVM is untouched and the filter dies with the thread.
 */
@Tag("root")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FfmSeccompRootTest {
    private static final int SIGNAL_ZERO = 0;

    @Test
    void aLoadedFilter_returnsItsErrno_forTheMatchingArgumentsOnTheLoadingThreadOnly() {
        assumeTrue(FfmLibseccomp.available(), FfmLibseccomp.LIBRARY + " is not installed");
        FfmProcesses processes = new FfmProcesses();
        int self = processes.self();
        SeccompFilter filter = new SeccompFilter(new Action("SCMP_ACT_ALLOW", 0), List.of(),
                List.of(new Rule("kill", new Action("SCMP_ACT_ERRNO", Errno.EPERM.code()),
                        List.of(new ArgCondition(1, SIGNAL_ZERO, 0, "SCMP_CMP_EQ")))), List.of());
        var e = assertThrows(SyscallException.class, () -> FfmDedicatedThread.call("seccomp-test", () -> {
            new FfmSeccomp().load(filter);
            assertEquals("0", FfmTestShell.read(Path.of("/proc/thread-self/status")).lines()
                    .filter(l -> l.startsWith("NoNewPrivs:")).findFirst().orElseThrow().split("\\s+")[1],
                    "no_new_privs is left to the caller");
            processes.kill(self, SIGNAL_ZERO);
            return null;
        }));
        assertEquals(Errno.EPERM, e.errno());
        assertEquals("kill", e.syscall());
        processes.kill(self, SIGNAL_ZERO);
    }
}
