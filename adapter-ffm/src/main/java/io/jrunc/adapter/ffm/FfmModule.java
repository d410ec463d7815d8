package io.jrunc.adapter.ffm;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Scopes;
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
import io.jrunc.ports.Syscalls;
import io.jrunc.ports.Terminals;

/** The ports on the real kernel through the FFM API; StateStore comes from elsewhere. */
public final class FfmModule extends AbstractModule {
    public FfmModule() {
    }

    /** Links the libc downcalls now (see {@link FfmPrelink}), for the start-up cache's training. */
    public static void prelink() {
        FfmPrelink.run();
    }

    @Override
    protected void configure() {
        // Providers, not @Provides methods or constructor bindings: Guice then reads no annotation and no
        // constructor by reflection at each start.
        singleton(Namespaces.class, FfmNamespaces::new);
        singleton(Mounts.class, FfmMounts::new);
        singleton(Filesystem.class, FfmFilesystem::new);
        singleton(Syscalls.class, FfmSyscalls::new);
        singleton(Processes.class, FfmProcesses::new);
        singleton(ProcFs.class, FfmProcFs::new);
        singleton(Credentials.class, FfmCredentials::new);
        singleton(io.jrunc.ports.ProcessAttributes.class, FfmProcessAttributes::new);
        singleton(FsCredentials.class, FfmFsCredentials::new);
        singleton(Cgroups.class, FfmCgroups::new);
        singleton(Network.class, FfmNetwork::new);
        singleton(Seccomp.class, FfmSeccomp::new);
        singleton(FileDescriptors.class, FfmFileDescriptors::new);
        singleton(Terminals.class, FfmTerminals::new);
    }

    private <T> void singleton(Class<T> port, Provider<? extends T> make) {
        bind(port).toProvider(make).in(Scopes.SINGLETON);
    }
}
