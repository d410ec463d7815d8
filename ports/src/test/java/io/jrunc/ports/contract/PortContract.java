package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every port contract shares: the backend under test, a scratch directory it knows, and the check
 * that a call fails with exactly the kernel's errno.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class PortContract {
    @TempDir
    Path tmp;
    /** The scratch directory, as a path string the ports take. */
    protected String dir;
    private PortsUnderTest ports;

    /** A fresh backend for each test. */
    protected abstract PortsUnderTest createPorts();

    @BeforeEach
    void seedScratchDirectory() {
        ports = createPorts();
        dir = tmp.toString();
        ports.seedDirectory(dir);
    }

    protected PortsUnderTest ports() {
        return ports;
    }

    protected String path(String relative) {
        return dir + "/" + relative;
    }

    protected void assumePrivileged() {
        assumeTrue(ports.privileged(), "needs root on a real kernel");
    }

    protected static SyscallException assertErrno(Errno expected, Executable call) {
        SyscallException e = assertThrows(SyscallException.class, call);
        assertEquals(expected, e.errno(), e.getMessage());
        return e;
    }
}
