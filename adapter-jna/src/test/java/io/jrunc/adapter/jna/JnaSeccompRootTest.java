package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JnaSeccompRootTest extends JnaRootTest {
    @Test
    void aLoadedFilterActsOnTheCallingThreadOnly() {
        SeccompFilter filter = new SeccompFilter(new SeccompFilter.Action("SCMP_ACT_ALLOW", 0), List.of(),
                List.of(new SeccompFilter.Rule("chdir", new SeccompFilter.Action("SCMP_ACT_ERRNO", Errno.ENOTBLK.code()),
                        List.of())), List.of());

        SyscallException onThread = JnaFreshThread.call("test-seccomp", () -> {
            new JnaSeccomp().load(filter);
            return assertThrows(SyscallException.class, () -> new JnaFilesystem().chdir("/"));
        });

        assertEquals(Errno.ENOTBLK, onThread.errno());
        new JnaFilesystem().chdir(System.getProperty("user.dir")); // the other threads are unfiltered
    }
}
