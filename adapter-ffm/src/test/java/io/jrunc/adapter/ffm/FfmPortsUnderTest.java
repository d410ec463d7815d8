package io.jrunc.adapter.ffm;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.jrunc.ports.contract.PortsUnderTest;
import java.util.function.Supplier;

/** The real kernel through the Ffm backend, wired as the CLI wires it, for the port contracts. */
final class FfmPortsUnderTest implements PortsUnderTest {
    private final Injector injector = Guice.createInjector(new FfmModule());

    @Override
    public <T> T port(Class<T> type) {
        return injector.getInstance(type);
    }

    @Override
    public <T> T onThrowawayThread(Supplier<T> work) {
        return FfmDedicatedThread.call("contract", work);
    }

    @Override
    public boolean privileged() {
        return "root".equals(System.getProperty("user.name"));
    }
}
