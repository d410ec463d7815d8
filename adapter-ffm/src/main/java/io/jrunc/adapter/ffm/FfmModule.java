package io.jrunc.adapter.ffm;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
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

/** The ports on the real kernel through the FFM API; StateStore comes from elsewhere. */
public final class FfmModule extends AbstractModule {
    public FfmModule() {
    }

    /** Links the libc downcalls now (see {@link FfmPrelink}), for the start-up cache's training. */
    public static void prelink() {
        FfmPrelink.run();
    }

    @Provides @Singleton Namespaces namespaces() {
        return new FfmNamespaces();
    }

    @Provides @Singleton Mounts mounts() {
        return new FfmMounts();
    }

    @Provides @Singleton Filesystem filesystem() {
        return new FfmFilesystem();
    }

    @Provides @Singleton Syscalls syscalls() {
        return new FfmSyscalls();
    }

    @Provides @Singleton Processes processes() {
        return new FfmProcesses();
    }

    @Provides @Singleton ProcFs procFs() {
        return new FfmProcFs();
    }

    @Provides @Singleton Credentials credentials() {
        return new FfmCredentials();
    }

    @Provides @Singleton Cgroups cgroups() {
        return new FfmCgroups();
    }

    @Provides @Singleton Network network() {
        return new FfmNetwork();
    }

    @Provides @Singleton Seccomp seccomp() {
        return new FfmSeccomp();
    }

    @Provides @Singleton FileDescriptors fileDescriptors() {
        return new FfmFileDescriptors();
    }
}
