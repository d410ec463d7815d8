package io.jrunc.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.lifecycle.ContainerInit;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.Network;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.Syscalls;

/**
 * What the container's init needs over the backend's ports: the plan executor and its side of the handshake.
 * The init is wired with this module alone (no state store, cgroup drivers or D-Bus), because its start-up is
 * on every container's critical path; {@link LifecycleModule} installs it for the runtime's side.
 */
final class InitModule extends AbstractModule {
    @Provides @Singleton
    InitPlanExecutor executor(Mounts mounts, Filesystem fs, Syscalls sys, ProcFs proc, Network network,
                              Credentials credentials, Processes processes, Cgroups cgroups, FileDescriptors fds) {
        return new InitPlanExecutor(mounts, fs, sys, proc, network, credentials, processes, cgroups, fds);
    }

    @Provides @Singleton
    ContainerInit containerInit(InitPlanExecutor executor, FileDescriptors fds, Credentials credentials) {
        return new ContainerInit(executor, fds, credentials);
    }
}
