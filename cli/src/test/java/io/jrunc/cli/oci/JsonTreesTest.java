package io.jrunc.cli.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Trees read and written without a mapper are the trees and bytes a mapper reads and writes. */
class JsonTreesTest {
    private static final String DOCUMENT = "{\"s\":\"x\\u00e9\",\"i\":7,\"l\":9000000000,\"b\":18446744073709551615,"
            + "\"d\":1.5,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[],{}],\"o\":{\"k\":-1}}";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readingGivesTheTreeReadTreeGives() throws IOException {
        JsonNode ours = JsonTrees.read(bytes(DOCUMENT));
        assertEquals(new ObjectMapper().readTree(DOCUMENT), ours);
        assertTrue(ours.get("i").isInt() && ours.get("l").isLong() && ours.get("b").isBigInteger()
                && ours.get("d").isDouble(), ours.toString());
    }

    @Test
    void writingGivesTheBytesAMapperWrites() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode tree = mapper.readTree(DOCUMENT);
        assertEquals(mapper.writeValueAsString(tree), new String(JsonTrees.write(tree, null), StandardCharsets.UTF_8));
        assertEquals(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree),
                new String(JsonTrees.write(tree, new DefaultPrettyPrinter()), StandardCharsets.UTF_8));
    }

    @Test
    void oneTemplatePrettyPrinterLaysOutEveryDocumentTheSame() {
        DefaultPrettyPrinter template = new DefaultPrettyPrinter();
        JsonNode tree = JsonTrees.NODES.objectNode().put("a", 1);
        assertEquals(new String(JsonTrees.write(tree, template), StandardCharsets.UTF_8),
                new String(JsonTrees.write(tree, template), StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyDocumentIsMissingAndTrailingDataIsRefused() throws IOException {
        assertTrue(JsonTrees.read(bytes("  ")).isMissingNode());
        var e = assertThrows(JsonProcessingException.class, () -> JsonTrees.read(bytes("{} {}")));
        assertTrue(e.getOriginalMessage().startsWith("Trailing token"), e.getMessage());
        assertThrows(JsonProcessingException.class, () -> JsonTrees.read(bytes("{\"a\": [1, 2}")));
    }

    @Test
    void aRepeatedKeyKeepsItsLastValueAsInReadTree() throws IOException {
        assertEquals(2, JsonTrees.read(bytes("{\"a\":1,\"a\":2}")).get("a").intValue());
    }
}
