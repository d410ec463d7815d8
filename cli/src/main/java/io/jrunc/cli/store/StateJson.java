package io.jrunc.cli.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.JsonTrees;
import io.jrunc.ports.model.StoredState;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The on-disk shape of {@code state.json}, mapped by hand through a JSON tree so the ports record carries no
 * Jackson annotations and a renamed record component cannot silently rename a field on disk.
 * Field names are stable: id, pid, pidStartTime, bundle, rootfs, created, owner, status, annotations, cgroupPaths, cgroupDriver (absent: cgroupfs).
 */
final class StateJson {

    private StateJson() {}

    static byte[] write(StoredState state) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        node.put("id", state.id());
        node.put("pid", state.pid());
        node.put("pidStartTime", state.pidStartTime());
        node.put("bundle", state.bundle());
        node.put("rootfs", state.rootfs());
        node.put("created", state.created());
        node.put("owner", state.owner());
        node.put("status", state.statusHint());
        node.set("annotations", stringMap(state.annotations()));
        node.set("cgroupPaths", stringMap(state.cgroupPaths()));
        node.put("cgroupDriver", state.cgroupDriver());
        return JsonTrees.write(node, new DefaultPrettyPrinter());
    }

    /** Reads a state; throws {@link UnreadableState} with Jackson's message when the bytes are not one. */
    static StoredState read(byte[] json) throws UnreadableState {
        try {
            JsonNode node = JsonTrees.read(json);
            if (node == null || !node.isObject()) {
                throw new UnreadableState("not a JSON object");
            }
            return new StoredState(
                    requiredText(node, "id"),
                    (int) number(node, "pid", Integer.MIN_VALUE, Integer.MAX_VALUE),
                    number(node, "pidStartTime", Long.MIN_VALUE, Long.MAX_VALUE),
                    text(node, "bundle"),
                    text(node, "rootfs"),
                    text(node, "created"),
                    text(node, "owner"),
                    text(node, "status"),
                    map(node, "annotations"),
                    map(node, "cgroupPaths"),
                    text(node, "cgroupDriver"));
        } catch (JsonProcessingException e) {
            throw new UnreadableState(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableState(e.getMessage());
        }
    }

    private static ObjectNode stringMap(Map<String, String> values) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        new TreeMap<>(values).forEach(node::put); // sorted, so equal states are equal bytes
        return node;
    }

    private static String requiredText(JsonNode node, String field) throws UnreadableState {
        String value = text(node, field);
        if (value == null) {
            throw new UnreadableState("missing field \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field) throws UnreadableState {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new UnreadableState("field \"" + field + "\" is not a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field, long min, long max) throws UnreadableState {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw new UnreadableState("field \"" + field + "\" is not an integer in range");
        }
        return value.longValue();
    }

    private static Map<String, String> map(JsonNode node, String field) throws UnreadableState {
        JsonNode value = node.get(field);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            throw new UnreadableState("field \"" + field + "\" is not an object");
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new UnreadableState("field \"" + field + "." + entry.getKey() + "\" is not a string");
            }
            result.put(entry.getKey(), entry.getValue().textValue());
        }
        return result;
    }

    /** A state.json that exists but is not a state; the store reports it as EIO with this message. */
    static final class UnreadableState extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableState(String message) {
            super(message);
        }
    }
}
