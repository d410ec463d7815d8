package io.jrunc.cli.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** state.json, field by field: the ports record stays free of Jackson. */
final class StateCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StateCodec() {
    }

    static byte[] encode(StoredState s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("pid", s.pid());
        n.put("pidStartTime", s.pidStartTime());
        n.put("bundle", s.bundle());
        n.put("rootfs", s.rootfs());
        n.put("created", s.created());
        n.put("owner", s.owner());
        n.put("status", s.statusHint());
        map(n.putObject("annotations"), s.annotations());
        map(n.putObject("cgroupPaths"), s.cgroupPaths());
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static StoredState decode(byte[] bytes, Path file) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || !n.isObject() || !n.path("id").isTextual()) {
                throw new SyscallException("read", Errno.EIO, file + ": not a container state");
            }
            return new StoredState(n.get("id").asText(), n.path("pid").asInt(), n.path("pidStartTime").asLong(),
                    n.path("bundle").asText(), n.path("rootfs").asText(), n.path("created").asText(),
                    n.path("owner").asText(), n.path("status").asText(), strings(n.path("annotations")),
                    strings(n.path("cgroupPaths")));
        } catch (IOException e) {
            throw new SyscallException("read", Errno.EIO, file + ": " + e.getMessage());
        }
    }

    private static void map(ObjectNode target, Map<String, String> values) {
        new TreeMap<>(values).forEach(target::put);
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
