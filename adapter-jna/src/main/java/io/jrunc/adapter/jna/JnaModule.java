package io.jrunc.adapter.jna;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.Network;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.Seccomp;
import io.jrunc.ports.Syscalls;

/** The ports on the real kernel through JNA, for JDK 17 and later. StateStore is bound elsewhere. */
public final class JnaModule extends AbstractModule {
    public JnaModule() {
        // for Guice and the cli's backend choice
    }

    @Override
    protected void configure() {
        bind(Namespaces.class).to(JnaNamespaces.class).in(Singleton.class);
        bind(Mounts.class).to(JnaMounts.class).in(Singleton.class);
        bind(Filesystem.class).to(JnaFilesystem.class).in(Singleton.class);
        bind(Syscalls.class).to(JnaSyscalls.class).in(Singleton.class);
        bind(Processes.class).to(JnaProcesses.class).in(Singleton.class);
        bind(ProcFs.class).to(JnaProcFs.class).in(Singleton.class);
        bind(Credentials.class).to(JnaCredentials.class).in(Singleton.class);
        bind(Cgroups.class).to(JnaCgroups.class).in(Singleton.class);
        bind(Network.class).to(JnaNetwork.class).in(Singleton.class);
        bind(Seccomp.class).to(JnaSeccomp.class).in(Singleton.class);
        bind(FileDescriptors.class).to(JnaFileDescriptors.class).in(Singleton.class);
    }
}
