package io.jrunc.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jrunc.cli.store.FileStateStore;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.lifecycle.ContainerObserver;
import io.jrunc.domain.lifecycle.CreateContainer;
import io.jrunc.domain.lifecycle.DeleteContainer;
import io.jrunc.domain.lifecycle.ContainerInit;
import io.jrunc.domain.lifecycle.InProcessInit;
import io.jrunc.domain.lifecycle.SpawnedInit;
import io.jrunc.domain.lifecycle.InitLauncher;
import io.jrunc.domain.lifecycle.KillContainer;
import io.jrunc.domain.lifecycle.QueryState;
import io.jrunc.domain.lifecycle.StartContainer;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.Network;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.Syscalls;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires the domain's use cases to whatever ports the backend module binds. The domain carries no
 * injection annotations; it is built here, by hand, in @Provides methods.
 */
final class LifecycleModule extends AbstractModule {
    private final Backend backend;
    private final Path root;

    LifecycleModule(Backend backend, Path root) {
        this.backend = backend;
        this.root = root;
    }

    @Override
    protected void configure() {
        if (backend != Backend.FAKE) {
            // The fake keeps its state in memory; the real backends keep it under --root.
            bind(StateStore.class).toInstance(new FileStateStore(root));
        }
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    @Provides @Singleton
    InitPlanExecutor executor(Mounts mounts, Filesystem fs, Syscalls sys, ProcFs proc, Network network,
                              Credentials credentials, Processes processes, Cgroups cgroups, FileDescriptors fds) {
        return new InitPlanExecutor(mounts, fs, sys, proc, network, credentials, processes, cgroups, fds);
    }

    @Provides @Singleton
    InitLauncher launcher(Processes processes, FileDescriptors fds, InitPlanExecutor executor) {
        if (backend == Backend.FAKE) {
            return new InProcessInit(processes, fds, executor);
        }
        return new SpawnedInit(processes, fds, InitJvm.command(backend));
    }

    @Provides @Singleton
    ContainerInit containerInit(InitPlanExecutor executor, FileDescriptors fds, Credentials credentials) {
        return new ContainerInit(executor, fds, credentials);
    }

    @Provides @Singleton
    ContainerObserver observer(Processes processes, Filesystem fs, StateStore store) {
        return new ContainerObserver(processes, fs, store);
    }

    @Provides @Singleton
    CreateContainer create(StateStore store, Filesystem fs, Processes processes, InitLauncher launcher,
                           InitPlanExecutor executor, Clock clock) {
        return new CreateContainer(store, fs, processes, launcher, executor, clock);
    }

    @Provides @Singleton
    StartContainer start(StateStore store, Filesystem fs, ContainerObserver observer) {
        return new StartContainer(store, fs, observer);
    }

    @Provides @Singleton
    QueryState query(StateStore store, ContainerObserver observer) {
        return new QueryState(store, observer);
    }

    @Provides @Singleton
    KillContainer kill(StateStore store, Processes processes, ContainerObserver observer) {
        return new KillContainer(store, processes, observer);
    }

    @Provides @Singleton
    DeleteContainer delete(StateStore store, Processes processes, ContainerObserver observer) {
        return new DeleteContainer(store, processes, observer);
    }
}
