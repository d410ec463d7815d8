package io.jrunc.adapter.fake.contract;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.adapter.fake.FakeModule;
import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.model.Namespace;
import java.util.Set;
import java.util.function.Supplier;

/** The fake kernel as the contracts see it: a fresh one per test, wired as the CLI wires it. */
final class FakePortsUnderTest implements PortsUnderTest {
    private final FakeKernel kernel = new FakeKernel();
    private final Injector injector = Guice.createInjector(new FakeModule(kernel));

    @Override
    public <T> T port(Class<T> type) {
        return injector.getInstance(type);
    }

    /** The unshare is journaled as a real one would be made; the credentials go back as a thread's would. */
    @Override
    public <T> T isolated(Set<Namespace> namespaces, Supplier<T> work) {
        return onThrowawayThread(() -> {
            namespaces().unshare(namespaces);
            return work.get();
        });
    }

    @Override
    public <T> T onThrowawayThread(Supplier<T> work) {
        FakeKernel.CallerCredentials before = kernel.credentials();
        try {
            return work.get();
        } finally {
            kernel.restoreCredentials(before);
        }
    }

    @Override
    public boolean realKernel() {
        return false;
    }

    @Override
    public boolean privileged() {
        return true;
    }

    @Override
    public void seedDirectory(String path) {
        kernel.addDirectory(path);
    }

    @Override
    public void seedFile(String path, String content) {
        kernel.addFile(path, content);
    }

    @Override
    public void seedExecutable(String path) {
        kernel.addExecutable(path);
    }

    @Override
    public void programExited(int pid, int code) {
        kernel.exit(pid, code);
    }

    @Override
    public void programRunEnds(String executable, io.jrunc.ports.model.ProgramResult result) {
        kernel.programEnds(executable, result);
    }
}
