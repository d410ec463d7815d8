package io.jrunc.cli.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.Spec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResourcesJsonTest {
    private static final ResourcesJson JSON = new ResourcesJson();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDocumentIsReadWithEveryErrorAtItsPath() {
        Resources r = ResourcesJson.parse(bytes("{\"memory\":{\"limit\":1024},\"pids\":{\"limit\":5}}")).get();
        assertEquals(OptionalLong.of(1024), r.memory().get().limit());
        assertEquals(5, r.pids().get().limit());
        var errors = ResourcesJson.parse(bytes("{\"memory\":{\"limit\":true},\"blockIO\":{\"weight\":70000}}"))
                .getError().map(Object::toString).toJavaList();
        assertEquals(java.util.List.of("memory.limit: expected a 64-bit integer, got true",
                "blockIO.weight: expected an unsigned 16-bit integer, got 70000"), errors);
        assertEquals("invalid JSON: the document is empty", ResourcesJson.parse(bytes("")).getError().get(0).toString());
        assertEquals("expected an object, got an array", ResourcesJson.parse(bytes("[]")).getError().get(0).toString());
    }

    @Test
    void aConfigWithoutResourcesReadsAsNone() {
        assertEquals(Optional.empty(), JSON.read(bytes("{\"ociVersion\":\"1.2.1\"}")).get());
        assertEquals(Optional.empty(), JSON.read(bytes("{\"linux\":{}}")).get());
        assertTrue(JSON.read(bytes("{\"linux\":{\"resources\":{\"memory\":{\"limit\":\"x\"}}}}")).getLeft()
                .startsWith("linux.resources.memory.limit: "));
    }

    @Test
    void rewrittenResourcesAreReadBackAndEveryOtherFieldIsKept() throws Exception {
        String config = "{\"ociVersion\":\"1.2.1\",\"process\":{\"args\":[\"sh\"],\"cwd\":\"/\"},"
                + "\"root\":{\"path\":\"rootfs\"},\"linux\":{\"namespaces\":[{\"type\":\"pid\"}],"
                + "\"resources\":{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}]},\"x-unknown\":7}}";
        Resources merged = Resources.builder().memory(Memory.of(OptionalLong.of(1 << 20), OptionalLong.of(-1)))
                .pids(new Pids(10)).build();
        byte[] rewritten = JSON.withResources(bytes(config), merged);
        assertEquals(merged, JSON.read(rewritten).get().get());
        var tree = new ObjectMapper().readTree(rewritten);
        assertEquals("pid", tree.at("/linux/namespaces/0/type").asText());
        assertEquals(7, tree.at("/linux/x-unknown").asInt());
        Spec spec = SpecReader.read(rewritten).get();
        assertEquals(OptionalLong.of(1 << 20), spec.linux().get().resources().get().memory().get().limit());
    }
}
