package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.lifecycle.ContainerState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TabWriterTest {
    @Test
    void anEmptyListIsRuncsHeaderLine() {
        // Byte for byte what `runc list` prints with no containers.
        assertEquals("ID          PID         STATUS      BUNDLE      CREATED     OWNER\n", ListCommand.table(List.of()));
    }

    @Test
    void aLongCellWidensItsColumnByThePadding() {
        var state = new ContainerState("a-rather-long-id", ContainerStatus.RUNNING, 4242, "/b", "/b/rootfs",
                "2026-11-23T03:55:25.123456789Z", "root", Map.of());
        String[] lines = ListCommand.table(List.of(state)).split("\n");
        assertEquals("ID                 PID         STATUS      BUNDLE      CREATED                          OWNER", lines[0]);
        assertEquals("a-rather-long-id   4242        running     /b          2026-11-23T03:55:25.123456789Z   root", lines[1]);
    }
}
