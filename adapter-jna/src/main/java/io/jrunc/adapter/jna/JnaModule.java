package io.jrunc.adapter.jna;

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

/** The ports on the real kernel through JNA, for JDK 17 and later. StateStore is bound elsewhere. */
public final class JnaModule extends AbstractModule {
    public JnaModule() {
        // for Guice and the cli's backend choice
    }

    @Override
    protected void configure() {
        // Providers, not constructor bindings: Guice then reads no annotation and no constructor by reflection.
        singleton(Namespaces.class, JnaNamespaces::new);
        singleton(Mounts.class, JnaMounts::new);
        singleton(Filesystem.class, JnaFilesystem::new);
        singleton(Syscalls.class, JnaSyscalls::new);
        singleton(Processes.class, JnaProcesses::new);
        singleton(ProcFs.class, JnaProcFs::new);
        singleton(Credentials.class, JnaCredentials::new);
        singleton(io.jrunc.ports.ProcessAttributes.class, JnaProcessAttributes::new);
        singleton(FsCredentials.class, JnaFsCredentials::new);
        singleton(Cgroups.class, JnaCgroups::new);
        singleton(Network.class, JnaNetwork::new);
        singleton(Seccomp.class, JnaSeccomp::new);
        singleton(FileDescriptors.class, JnaFileDescriptors::new);
        singleton(Terminals.class, JnaTerminals::new);
    }

    private <T> void singleton(Class<T> port, Provider<? extends T> make) {
        bind(port).toProvider(make).in(Scopes.SINGLETON);
    }
}
