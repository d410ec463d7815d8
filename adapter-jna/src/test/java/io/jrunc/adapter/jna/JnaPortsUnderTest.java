package io.jrunc.adapter.jna;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.model.UnixRights;
import java.util.function.Supplier;

/** The real kernel through the Jna backend, wired as the CLI wires it, for the port contracts. */
final class JnaPortsUnderTest implements PortsUnderTest {
    private static final int SOCK_CLOEXEC = 02000000;
    private final Injector injector = Guice.createInjector(new JnaModule());

    @Override
    public <T> T port(Class<T> type) {
        return injector.getInstance(type);
    }

    @Override
    public <T> T onThrowawayThread(Supplier<T> work) {
        return JnaFreshThread.call("contract", work);
    }

    private static final boolean AARCH64 = System.getProperty("os.arch", "").equals("aarch64");

    /** socket, bind and listen, which no port has (the runtime only connects), through syscall(2). */
    @Override
    public int listenUnix(String path) {
        byte[] address = UnixRights.address(path);
        int fd = JnaCheck.call("socket", "AF_UNIX",
                () -> JnaLibc.INSTANCE.socket(UnixRights.AF_UNIX, UnixRights.SOCK_STREAM_CLOEXEC, 0));
        try {
            JnaCheck.callLong("bind", path,
                    () -> JnaLibc.INSTANCE.syscall(AARCH64 ? 200 : 49, fd, address, address.length));
            JnaCheck.callLong("listen", path, () -> JnaLibc.INSTANCE.syscall(AARCH64 ? 201 : 50, fd, 8, 0));
            return fd;
        } catch (RuntimeException e) {
            JnaLibc.INSTANCE.close(fd);
            throw e;
        }
    }

    @Override
    public int acceptUnix(int listener) {
        return (int) JnaCheck.callLong("accept4", "fd " + listener, () -> JnaLibc.INSTANCE.syscall(
                AARCH64 ? 242 : 288, listener, 0, 0, SOCK_CLOEXEC, 0));
    }

    @Override
    public boolean privileged() {
        return JnaTestChild.isRoot();
    }
}
