package io.jrunc.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jrunc.cli.oci.ResourcesJson;
import io.jrunc.cli.store.FileStateStore;
import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.FsCgroupDriver;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.lifecycle.CollectStats;
import io.jrunc.domain.lifecycle.ConfigResources;
import io.jrunc.domain.lifecycle.ContainerObserver;
import io.jrunc.domain.lifecycle.CreateContainer;
import io.jrunc.domain.lifecycle.DeleteContainer;
import io.jrunc.domain.lifecycle.InProcessInit;
import io.jrunc.domain.lifecycle.InitLauncher;
import io.jrunc.domain.lifecycle.KillContainer;
import io.jrunc.domain.lifecycle.ListProcesses;
import io.jrunc.domain.lifecycle.PauseContainer;
import io.jrunc.domain.lifecycle.QueryState;
import io.jrunc.domain.lifecycle.ResumeContainer;
import io.jrunc.domain.lifecycle.StagedInit;
import io.jrunc.domain.lifecycle.StartContainer;
import io.jrunc.domain.lifecycle.UpdateContainer;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.Network;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.Syscalls;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

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
        bind(ConfigResources.class).to(ResourcesJson.class);
    }

    @Provides @Singleton
    InitPlanExecutor executor(Mounts mounts, Filesystem fs, Syscalls sys, ProcFs proc, Network network,
                              Credentials credentials, Processes processes, Cgroups cgroups, FileDescriptors fds) {
        return new InitPlanExecutor(mounts, fs, sys, proc, network, credentials, processes, cgroups, fds);
    }

    @Provides @Singleton
    InitLauncher launcher(Namespaces namespaces, Processes processes, FileDescriptors fds, InitPlanExecutor executor) {
        if (backend == Backend.FAKE) {
            return new InProcessInit(processes, fds, executor);
        }
        ClassPathPreload.run();
        return new StagedInit(namespaces, processes, fds, executor, InitProgram.path());
    }

    /** cgroupfs, as runc by default; {@link CgroupDriverModule} puts the systemd driver over it with --systemd-cgroup. */
    @Provides @Singleton @Cgroupfs
    CgroupDriver cgroupfsDriver(Cgroups cgroups, ProcFs proc) {
        return new FsCgroupDriver(cgroups, proc);
    }

    /** The one place an existing container's cgroup is found and its status decided; the use cases ask it. */
    @Provides @Singleton
    ContainerObserver observer(Processes processes, Filesystem fs, StateStore store, CgroupDriver cgroups) {
        return new ContainerObserver(processes, fs, store, cgroups);
    }

    @Provides @Singleton
    CreateContainer create(StateStore store, Filesystem fs, Processes processes, InitLauncher launcher,
                           InitPlanExecutor executor, Clock clock, CgroupDriver cgroups) {
        return new CreateContainer(store, fs, processes, launcher, executor, clock, cgroups);
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
    PauseContainer pause(StateStore store, ContainerObserver observer) {
        return new PauseContainer(store, observer);
    }

    @Provides @Singleton
    ResumeContainer resume(StateStore store, ContainerObserver observer) {
        return new ResumeContainer(store, observer);
    }

    @Provides @Singleton
    UpdateContainer update(StateStore store, ContainerObserver observer, ConfigResources configs) {
        return new UpdateContainer(store, observer, configs);
    }

    @Provides @Singleton
    CollectStats stats(StateStore store, ContainerObserver observer) {
        return new CollectStats(store, observer);
    }

    @Provides @Singleton
    ListProcesses processes(StateStore store, ContainerObserver observer) {
        return new ListProcesses(store, observer);
    }

    @Provides @Singleton
    DeleteContainer delete(StateStore store, Processes processes, ContainerObserver observer) {
        return new DeleteContainer(store, processes, observer);
    }
}
