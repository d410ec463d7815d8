package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import io.jrunc.domain.lifecycle.CollectStats;
import io.jrunc.domain.lifecycle.CreateContainer;
import io.jrunc.domain.lifecycle.DeleteContainer;
import io.jrunc.domain.lifecycle.KillContainer;
import io.jrunc.domain.lifecycle.ListProcesses;
import io.jrunc.domain.lifecycle.PauseContainer;
import io.jrunc.domain.lifecycle.QueryState;
import io.jrunc.domain.lifecycle.ResumeContainer;
import io.jrunc.domain.lifecycle.StartContainer;
import io.jrunc.domain.lifecycle.UpdateContainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The modules bind providers, and Guice still refuses, when the injector is built, a port nobody binds. */
class WiringTest {
    @Test
    void everyUseCaseIsWiredOnTheFakeBackend() {
        Runtime runtime = Runtime.wire(Backend.FAKE, Path.of("/run/jrunc"), false);

        for (Class<?> useCase : List.of(CreateContainer.class, StartContainer.class, QueryState.class,
                KillContainer.class, PauseContainer.class, ResumeContainer.class, UpdateContainer.class,
                CollectStats.class, ListProcesses.class, DeleteContainer.class)) {
            assertNotNull(runtime.get(useCase), useCase.getSimpleName());
            assertTrue(runtime.get(useCase) == runtime.get(useCase), "one " + useCase.getSimpleName() + " per runtime");
        }
    }

    @Test
    void withoutABackendTheMissingPortsAreReportedWhenTheInjectorIsBuilt() {
        var e = assertThrows(CreationException.class, () -> Guice.createInjector(
                new LifecycleModule(Backend.FFM, Path.of("/run/jrunc")), new CgroupDriverModule(false, () -> false, w -> { })));

        assertTrue(e.getMessage().contains("Mounts"), e.getMessage());
        assertTrue(e.getMessage().contains("Processes"), e.getMessage());
    }
}
