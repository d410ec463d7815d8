package io.jrunc.adapter.jna;

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
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JnaModuleTest {
    @Test
    void everyPortButStateStoreIsASingletonJnaAdapter() {
        Injector injector = Guice.createInjector(new JnaModule());

        for (Class<?> port : List.of(Namespaces.class, Mounts.class, Filesystem.class, Syscalls.class, Processes.class,
                ProcFs.class, Credentials.class, Cgroups.class, Network.class, Seccomp.class,
                FsCredentials.class)) {
            Object adapter = injector.getInstance(port);
            assertEquals("Jna" + port.getSimpleName(), adapter.getClass().getSimpleName());
            assertSame(adapter, injector.getInstance(port));
        }
    }

    @Test
    void selfIsOurPidAndTheCgroupHierarchiesAreFound() {
        Injector injector = Guice.createInjector(new JnaModule());

        assertEquals(ProcessHandle.current().pid(), injector.getInstance(Processes.class).self());
        assertTrue(injector.getInstance(Cgroups.class).hierarchies().size() >= 1);
    }
}
