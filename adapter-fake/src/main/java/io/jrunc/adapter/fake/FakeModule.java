package io.jrunc.adapter.fake;

import com.google.inject.AbstractModule;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FsCredentials;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.Network;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.Seccomp;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.Syscalls;
import io.jrunc.ports.Terminals;

/** Every port bound to one shared fake kernel, and the state store to one that lives in it. */
public final class FakeModule extends AbstractModule {
    private final FakeKernel kernel;

    public FakeModule() {
        this(new FakeKernel());
    }

    public FakeModule(FakeKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    protected void configure() {
        bind(FakeKernel.class).toInstance(kernel);
        bind(Namespaces.class).toInstance(kernel);
        bind(Mounts.class).toInstance(kernel);
        bind(Filesystem.class).toInstance(kernel);
        bind(Syscalls.class).toInstance(kernel);
        bind(Processes.class).toInstance(kernel);
        bind(ProcFs.class).toInstance(kernel);
        bind(Credentials.class).toInstance(kernel);
        bind(io.jrunc.ports.ProcessAttributes.class).toInstance(kernel);
        bind(FsCredentials.class).toInstance(kernel);
        bind(Cgroups.class).toInstance(kernel);
        bind(Network.class).toInstance(kernel);
        bind(Seccomp.class).toInstance(kernel);
        bind(FileDescriptors.class).toInstance(kernel);
        bind(Terminals.class).toInstance(new FakeTerminals(kernel));
        bind(StateStore.class).toInstance(new InMemoryStateStore(kernel));
    }
}
