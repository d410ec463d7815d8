package io.jrunc.adapter.ffm;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.model.UnixRights;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Supplier;

/** The real kernel through the Ffm backend, wired as the CLI wires it, for the port contracts. */
final class FfmPortsUnderTest implements PortsUnderTest {
    private static final int SOCK_CLOEXEC = 02000000;
    private final Injector injector = Guice.createInjector(new FfmModule());

    @Override
    public <T> T port(Class<T> type) {
        return injector.getInstance(type);
    }

    @Override
    public <T> T onThrowawayThread(Supplier<T> work) {
        return FfmDedicatedThread.call("contract", work);
    }

    /** socket, bind and listen, which no port has (the runtime only connects), through the same syscall(2). */
    @Override
    public int listenUnix(String path) {
        byte[] address = UnixRights.address(path);
        int fd = (int) FfmLibc.syscall("socket", "AF_UNIX", FfmLibc.sysno(41, 198), UnixRights.AF_UNIX,
                UnixRights.SOCK_STREAM_CLOEXEC, 0);
        try {
            FfmLibc.call("bind", path, (arena, state) -> {
                MemorySegment addr = arena.allocateFrom(ValueLayout.JAVA_BYTE, address);
                return FfmLibc.syscall(state, FfmLibc.sysno(49, 200), fd, addr.address(), address.length);
            });
            FfmLibc.syscall("listen", path, FfmLibc.sysno(50, 201), fd, 8);
            return fd;
        } catch (RuntimeException e) {
            FfmLibc.close(fd);
            throw e;
        }
    }

    @Override
    public int acceptUnix(int listener) {
        return (int) FfmLibc.syscall("accept4", "fd " + listener, FfmLibc.sysno(288, 242), listener, 0, 0,
                SOCK_CLOEXEC);
    }

    @Override
    public boolean privileged() {
        return "root".equals(System.getProperty("user.name"));
    }
}
