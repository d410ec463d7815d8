package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.lifecycle.ContainerState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateJsonTest {
    private static final ContainerState STOPPED = new ContainerState("web", ContainerStatus.STOPPED, 0,
            "/bundles/web", "/bundles/web/rootfs", "2026-11-23T03:55:25Z", "root", Map.of());

    @Test
    void stateIsRuncsFieldsInRuncsOrderWithTwoSpaceIndent() {
        assertEquals("{\n"
                + "  \"ociVersion\": \"" + VersionProvider.SPEC + "\",\n"
                + "  \"id\": \"web\",\n"
                + "  \"pid\": 0,\n"
                + "  \"status\": \"stopped\",\n"
                + "  \"bundle\": \"/bundles/web\",\n"
                + "  \"rootfs\": \"/bundles/web/rootfs\",\n"
                + "  \"created\": \"2026-11-23T03:55:25Z\",\n"
                + "  \"owner\": \"\"\n"
                + "}", StateJson.one(STOPPED));
        assertEquals(true, StateJson.list(List.of(STOPPED)).endsWith("\"owner\":\"root\"}]"));
    }

    @Test
    void annotationsAppearOnlyWhenThereAreSome() {
        var annotated = new ContainerState("web", ContainerStatus.CREATED, 7, "/b", "/b/rootfs", "t", "",
                Map.of("b", "2", "a", "1"));
        String json = StateJson.one(annotated);
        assertEquals(true, json.contains("  \"annotations\": {\n    \"a\": \"1\",\n    \"b\": \"2\"\n  },\n  \"owner\""));
    }

    @Test
    void anEmptyListIsGoNullAndAFullOneIsOneLine() {
        assertEquals("null", StateJson.list(List.of()));
        assertEquals(1, StateJson.list(List.of(STOPPED, STOPPED)).lines().count());
    }
}
