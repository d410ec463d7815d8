package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import io.jrunc.domain.lifecycle.CreateContainer;
import io.jrunc.domain.lifecycle.DeleteContainer;
import io.jrunc.domain.lifecycle.QueryState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The modules bind providers, and Guice still refuses, when the injector is built, a port nobody binds. */
class WiringTest {
    @Test
    void everyUseCaseIsWiredOnTheFakeBackend() {
        Runtime runtime = Runtime.wire(Backend.FAKE, Path.of("/run/jrunc"), false);

        assertNotNull(runtime.get(CreateContainer.class));
        assertNotNull(runtime.get(QueryState.class));
        assertNotNull(runtime.get(DeleteContainer.class));
        assertTrue(runtime.get(QueryState.class) == runtime.get(QueryState.class), "one instance per runtime");
    }

    @Test
    void withoutABackendTheMissingPortsAreReportedWhenTheInjectorIsBuilt() {
        var e = assertThrows(CreationException.class, () -> Guice.createInjector(
                new LifecycleModule(Backend.FFM, Path.of("/run/jrunc")), new CgroupDriverModule(false, w -> { })));

        assertTrue(e.getMessage().contains("Mounts"), e.getMessage());
        assertTrue(e.getMessage().contains("Processes"), e.getMessage());
    }
}
