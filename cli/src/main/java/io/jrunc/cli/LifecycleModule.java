package io.jrunc.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import io.jrunc.cli.oci.ResourcesJson;
import io.jrunc.cli.store.FileStateStore;
import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.FsCgroupDriver;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.lifecycle.CollectStats;
import io.jrunc.domain.lifecycle.ConfigResources;
import io.jrunc.domain.lifecycle.ContainerObserver;
import io.jrunc.domain.lifecycle.CreateContainer;
import io.jrunc.domain.lifecycle.CreateStages;
import io.jrunc.domain.lifecycle.DeleteContainer;
import io.jrunc.domain.lifecycle.ExecInContainer;
import io.jrunc.domain.lifecycle.ExecLauncher;
import io.jrunc.domain.lifecycle.InProcessExec;
import io.jrunc.domain.lifecycle.InProcessInit;
import io.jrunc.domain.lifecycle.LifecycleHooks;
import io.jrunc.domain.lifecycle.NetDevices;
import io.jrunc.domain.lifecycle.StagedExec;
import io.jrunc.domain.lifecycle.InitLauncher;
import io.jrunc.domain.lifecycle.KillContainer;
import io.jrunc.domain.lifecycle.ListProcesses;
import io.jrunc.domain.lifecycle.PauseContainer;
import io.jrunc.domain.lifecycle.QueryState;
import io.jrunc.domain.lifecycle.ResumeContainer;
import io.jrunc.domain.lifecycle.StagedInit;
import io.jrunc.domain.lifecycle.UserNamespaceEntry;
import io.jrunc.domain.lifecycle.StartContainer;
import io.jrunc.domain.lifecycle.UpdateContainer;
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
import io.jrunc.ports.StateStore;
import io.jrunc.ports.Syscalls;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires the domain's use cases to whatever ports the backend module binds. The domain carries no injection
 * annotations, and neither does this module: each use case is built by hand in a provider, so Guice reads no
 * annotation and no constructor by reflection (at every start the JDK would generate a proxy class per
 * annotation type, which no start-up cache holds). Guice still checks, when the injector is built, that every
 * port looked up here is bound.
 */
final class LifecycleModule extends AbstractModule {
    private final Backend backend;
    private final Path root;
    private final java.util.function.Consumer<String> errors;

    LifecycleModule(Backend backend, Path root) {
        this(backend, root, message -> { });
    }

    /** @param errors where a failure that fails no command is logged (a poststop hook's, as runc logs it) */
    LifecycleModule(Backend backend, Path root, java.util.function.Consumer<String> errors) {
        this.backend = backend;
        this.root = root;
        this.errors = errors;
    }

    @Override
    protected void configure() {
        if (backend != Backend.FAKE) {
            // The fake keeps its state in memory; the real backends keep it under --root.
            singleton(StateStore.class, () -> new FileStateStore(root));
        }
        singleton(Clock.class, Clock::systemUTC);
        singleton(ConfigResources.class, ResourcesJson::new);

        Provider<StateStore> store = getProvider(StateStore.class);
        Provider<Filesystem> fs = getProvider(Filesystem.class);
        Provider<Processes> processes = getProvider(Processes.class);
        Provider<FileDescriptors> fds = getProvider(FileDescriptors.class);
        Provider<Cgroups> cgroups = getProvider(Cgroups.class);
        Provider<ProcFs> proc = getProvider(ProcFs.class);
        Provider<Namespaces> namespaces = getProvider(Namespaces.class);
        Provider<Mounts> mounts = getProvider(Mounts.class);
        Provider<Syscalls> syscalls = getProvider(Syscalls.class);
        Provider<Network> network = getProvider(Network.class);
        Provider<io.jrunc.ports.Seccomp> seccomp = getProvider(io.jrunc.ports.Seccomp.class);
        Provider<Credentials> credentials = getProvider(Credentials.class);
        Provider<io.jrunc.ports.ProcessAttributes> attributes = getProvider(io.jrunc.ports.ProcessAttributes.class);
        Provider<io.jrunc.ports.Terminals> terminals = getProvider(io.jrunc.ports.Terminals.class);
        Provider<FsCredentials> fsCredentials = getProvider(FsCredentials.class);
        Provider<Clock> clock = getProvider(Clock.class);
        Provider<ConfigResources> configs = getProvider(ConfigResources.class);
        Provider<CgroupDriver> driver = getProvider(CgroupDriver.class);
        Provider<InitPlanExecutor> executor = getProvider(InitPlanExecutor.class);
        Provider<InitLauncher> launcher = getProvider(InitLauncher.class);
        Provider<NetDevices> netDevices = getProvider(NetDevices.class);
        singleton(NetDevices.class, () -> new NetDevices(namespaces.get(), network.get(), store.get()));
        Provider<ContainerObserver> observer = getProvider(ContainerObserver.class);
        Provider<CreateStages> stages = getProvider(CreateStages.class);

        singleton(InitPlanExecutor.class, () -> new InitPlanExecutor(mounts.get(), fs.get(), syscalls.get(),
                proc.get(), network.get(), credentials.get(), processes.get(), cgroups.get(), fds.get(), seccomp.get(),
                attributes.get(), terminals.get()));
        singleton(InitLauncher.class, () -> {
            if (backend == Backend.FAKE) {
                return new InProcessInit(processes.get(), fds.get(), executor.get(), proc.get(), fsCredentials.get(),
                        namespaces.get());
            }
            ClassPathPreload.run();
            return new StagedInit(namespaces.get(), processes.get(), fds.get(), executor.get(), InitProgram.path(),
                    java.util.Optional.of(netDevices.get()), new SeccompAgentSocket(fds.get()), stages.get(),
                    new UserNamespaceEntry(namespaces.get(), processes.get(), proc.get(), fsCredentials.get()),
                    proc.get());
        });
        singleton(ExecLauncher.class, () -> {
            if (backend == Backend.FAKE) {
                return new InProcessExec(processes.get(), executor.get());
            }
            // The exec's thread joins the container's mount namespace: no class may be looked up by path after.
            ClassPathPreload.run();
            return new StagedExec(namespaces.get(), processes.get(), fds.get(), fs.get(), executor.get(),
                    InitProgram.path());
        });
        Provider<ExecLauncher> execLauncher = getProvider(ExecLauncher.class);
        // NONE unless a test asks the runtime to stop itself at a stage of create (StopAtStage).
        singleton(CreateStages.class, () -> StopAtStage.fromEnvironment(processes.get()));
        // cgroupfs, as runc by default; CgroupDriverModule puts the systemd driver over it with --systemd-cgroup.
        singleton(FsCgroupDriver.class, () -> new FsCgroupDriver(cgroups.get(), proc.get()));
        // The one place an existing container's cgroup is found and its status decided; the use cases ask it.
        singleton(ContainerObserver.class, () -> new ContainerObserver(processes.get(), fs.get(), store.get(),
                driver.get()));

        Provider<LifecycleHooks> hooks = getProvider(LifecycleHooks.class);
        // A host hook whose config names no env gets the runtime's own, as runc's (Go's default for a nil Env).
        singleton(LifecycleHooks.class, () -> new LifecycleHooks(processes.get(), StateJson::hookState,
                HookConfigs::of, HookConfigs.environment(), errors));
        singleton(CreateContainer.class, () -> new CreateContainer(store.get(), fs.get(), processes.get(),
                launcher.get(), executor.get(), clock.get(), driver.get(), hooks.get(),
                java.util.Optional.of(netDevices.get()), stages.get()));
        singleton(StartContainer.class, () -> new StartContainer(store.get(), fs.get(), observer.get(),
                processes.get(), hooks.get()));
        singleton(QueryState.class, () -> new QueryState(store.get(), observer.get()));
        singleton(KillContainer.class, () -> new KillContainer(store.get(), processes.get(), observer.get()));
        singleton(PauseContainer.class, () -> new PauseContainer(store.get(), observer.get()));
        singleton(ResumeContainer.class, () -> new ResumeContainer(store.get(), observer.get()));
        singleton(UpdateContainer.class, () -> new UpdateContainer(store.get(), observer.get(), configs.get()));
        singleton(CollectStats.class, () -> new CollectStats(store.get(), observer.get()));
        singleton(ListProcesses.class, () -> new ListProcesses(store.get(), observer.get()));
        singleton(ExecInContainer.class, () -> new ExecInContainer(store.get(), observer.get(), execLauncher.get(),
                executor.get(), processes.get()));
        singleton(DeleteContainer.class, () -> new DeleteContainer(store.get(), processes.get(), observer.get(),
                hooks.get(), java.util.Optional.of(netDevices.get())));
    }

    /** One instance of {@code type}, made by {@code make} when first asked for. */
    private <T> void singleton(Class<T> type, Provider<? extends T> make) {
        bind(type).toProvider(make).in(Scopes.SINGLETON);
    }
}
