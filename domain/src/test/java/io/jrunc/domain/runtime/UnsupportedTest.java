package io.jrunc.domain.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.Mount;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsupportedTest {
    @Test
    void runcsRecursiveMountOptionsAreRefusedNotPassedToTheFilesystem() {
        var spec = DefaultSpecs.runc().toBuilder().mounts(List.of(
                Mount.of("/data", "bind", "/srv/data", List.of("rbind", "rro")),
                Mount.of("/logs", "bind", "/srv/logs", List.of("rbind", "rnosuid", "rnodev")))).build();

        assertEquals(List.of("mounts[0].options (rro)", "mounts[1].options (rnosuid)", "mounts[1].options (rnodev)"),
                Unsupported.in(spec).stream().filter(found -> found.startsWith("mounts")).toList());
    }
}
