package io.jrunc.adapter.jna;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.jrunc.ports.contract.PortsUnderTest;
import java.util.function.Supplier;

/** The real kernel through the Jna backend, wired as the CLI wires it, for the port contracts. */
final class JnaPortsUnderTest implements PortsUnderTest {
    private final Injector injector = Guice.createInjector(new JnaModule());

    @Override
    public <T> T port(Class<T> type) {
        return injector.getInstance(type);
    }

    @Override
    public <T> T onThrowawayThread(Supplier<T> work) {
        return JnaFreshThread.call("contract", work);
    }

    @Override
    public boolean privileged() {
        return JnaTestChild.isRoot();
    }
}
