package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FsCredentials;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.Network;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.Seccomp;
import io.jrunc.ports.Syscalls;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FfmModuleTest {
    @Test
    void everyPort_isBoundToItsFfmAdapter_asASingleton() {
        Injector injector = Guice.createInjector(new FfmModule());
        Map<Class<?>, Class<?>> bindings = Map.of(
                Namespaces.class, FfmNamespaces.class, Mounts.class, FfmMounts.class,
                Filesystem.class, FfmFilesystem.class, Syscalls.class, FfmSyscalls.class,
                Processes.class, FfmProcesses.class, ProcFs.class, FfmProcFs.class,
                Credentials.class, FfmCredentials.class, Cgroups.class, FfmCgroups.class,
                Network.class, FfmNetwork.class, Seccomp.class, FfmSeccomp.class);
        bindings.forEach((port, adapter) -> {
            assertInstanceOf(adapter, injector.getInstance(port));
            assertSame(injector.getInstance(port), injector.getInstance(port));
        });
        assertInstanceOf(FfmFsCredentials.class, injector.getInstance(FsCredentials.class));
        assertSame(injector.getInstance(FsCredentials.class), injector.getInstance(FsCredentials.class));
    }
}
