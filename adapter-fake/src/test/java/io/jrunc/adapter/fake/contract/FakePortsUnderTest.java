package io.jrunc.adapter.fake.contract;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.adapter.fake.FakeModule;
import io.jrunc.ports.contract.PortsUnderTest;
import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RlimitResource;
import java.util.List;
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
            kernel.restoreNamespaces();
        }
    }

    @Override
    public int listenUnix(String path) {
        return kernel.listenUnix(path);
    }

    @Override
    public int acceptUnix(int listener) {
        return kernel.acceptUnix(listener);
    }

    @Override
    public String fdPath(int fd) {
        return kernel.fdPath(fd).orElseThrow();
    }

    @Override
    public String hostname() {
        return kernel.hostname();
    }

    @Override
    public String domainname() {
        return kernel.domainname();
    }

    @Override
    public String capabilities(String set) {
        FakeKernel.CallerCredentials c = kernel.credentials();
        Set<Integer> caps = switch (set) {
            case "CapInh" -> c.inheritable();
            case "CapPrm" -> c.permitted();
            case "CapEff" -> c.effective();
            case "CapBnd" -> c.bounding();
            case "CapAmb" -> c.ambient();
            default -> throw new IllegalArgumentException(set);
        };
        long mask = 0;
        for (int cap : caps) {
            mask |= 1L << cap;
        }
        return String.format("%016x", mask);
    }

    @Override
    public int umask() {
        return kernel.umask();
    }

    /** What prlimit set; unset, the fake answers nothing a contract could compare, so that is a failure. */
    @Override
    public long[] rlimit(int pid, RlimitResource resource) {
        FakeKernel.Rlimit limit = kernel.rlimit(pid, resource).orElseThrow(
                () -> new AssertionError("the fake holds no " + resource + " for " + pid));
        return new long[] {limit.soft(), limit.hard()};
    }

    @Override
    public List<Integer> owner(String path) {
        return kernel.owner(path).orElseThrow(() -> new AssertionError("nothing at " + path));
    }

    @Override
    public String deviceNode(String path) {
        DeviceNode node = kernel.deviceNode(path).orElseThrow(() -> new AssertionError("no node at " + path));
        return node.type() + " " + node.major() + ":" + node.minor();
    }

    @Override
    public String namespace(Namespace type) {
        return kernel.namespace(type);
    }

    @Override
    public int openInherited(String path) {
        return kernel.openInherited(path);
    }

    @Override
    public boolean closeOnExec(int fd) {
        return kernel.closeOnExec(fd);
    }

    @Override
    public void closeInherited(int fd) {
        port(io.jrunc.ports.FileDescriptors.class).close(fd);
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
