package io.jrunc.adapter.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
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
import io.jrunc.ports.StateStore;
import io.jrunc.ports.Syscalls;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeModuleTest {
    private static final List<Class<?>> KERNEL_PORTS = List.of(Namespaces.class, Mounts.class, Filesystem.class,
            Syscalls.class, Processes.class, ProcFs.class, Credentials.class, Cgroups.class, Network.class,
            Seccomp.class, FileDescriptors.class, io.jrunc.ports.ProcessAttributes.class, FsCredentials.class);

    @Test
    void everyPortIsBoundToTheSameFakeKernel() {
        FakeKernel kernel = new FakeKernel();
        Injector injector = Guice.createInjector(new FakeModule(kernel));

        for (Class<?> port : KERNEL_PORTS) {
            assertSame(kernel, injector.getInstance(port), port.getSimpleName());
        }
        assertSame(kernel, injector.getInstance(FakeKernel.class));
    }

    @Test
    void theKernelImplementsEveryPortInterfaceButTheStateStore() {
        List<Class<?>> implemented = List.of(FakeKernel.class.getInterfaces());

        assertTrue(implemented.containsAll(KERNEL_PORTS));
        assertEquals(KERNEL_PORTS.size(), implemented.size());
    }

    @Test
    void theStateStoreLivesInTheSameKernel() {
        FakeKernel kernel = new FakeKernel();
        Injector injector = Guice.createInjector(new FakeModule(kernel));
        StateStore store = injector.getInstance(StateStore.class);

        assertInstanceOf(InMemoryStateStore.class, store);
        assertSame(store, injector.getInstance(StateStore.class));
        store.create("c1");
        assertTrue(kernel.isDirectory(store.directory("c1")));
    }

    @Test
    void callsThroughDifferentPortsLandInOneJournal() {
        Injector injector = Guice.createInjector(new FakeModule());
        injector.getInstance(Syscalls.class).sethostname("box");
        injector.getInstance(Filesystem.class).mkdirs("/x", 0755);

        assertEquals(List.of("sethostname", "mkdir"),
                injector.getInstance(FakeKernel.class).journal().stream().map(Call::syscall).toList());
    }
}
