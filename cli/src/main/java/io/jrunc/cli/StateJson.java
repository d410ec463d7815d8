package io.jrunc.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.JsonTrees;
import io.jrunc.domain.lifecycle.ContainerState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The state JSON runc prints: the runtime-spec's state (ociVersion, id, status, pid, bundle, annotations)
 * plus runc's rootfs, created and owner, in runc's field order and two-space indent. runc 1.1's state command
 * leaves owner empty (only list looks the owner up), and so does {@link #one}.
 */
final class StateJson {
    /** Go's json.MarshalIndent(v, "", "  "): `"key": value`, two spaces a level. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private StateJson() {
    }

    static String one(ContainerState s) {
        ObjectNode n = node(s);
        n.put("owner", "");
        return write(n, true);
    }

    /** runc list --format json: one line, and "null" when there are no containers (Go's nil slice). */
    static String list(List<ContainerState> states) {
        if (states.isEmpty()) {
            return "null";
        }
        ArrayNode all = JsonTrees.NODES.arrayNode();
        states.forEach(s -> all.add(node(s)));
        return write(all, false);
    }

    private static ObjectNode node(ContainerState s) {
        ObjectNode n = JsonTrees.NODES.objectNode();
        n.put("ociVersion", VersionProvider.SPEC);
        n.put("id", s.id());
        n.put("pid", s.pid());
        n.put("status", s.status().specName());
        n.put("bundle", s.bundle());
        n.put("rootfs", s.rootfs());
        n.put("created", s.created());
        if (!s.annotations().isEmpty()) {
            ObjectNode a = n.putObject("annotations");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(s.annotations()).entrySet()) {
                a.put(e.getKey(), e.getValue());
            }
        }
        n.put("owner", s.owner());
        return n;
    }

    /**
     * The state a hook reads on its stdin, compact, in runc's field order: pid left out when 0 (poststop, as
     * runc's omitempty), annotations when there are none.
     */
    static byte[] hookState(String id, String status, int pid, String bundle, Map<String, String> annotations) {
        ObjectNode n = JsonTrees.NODES.objectNode();
        n.put("ociVersion", VersionProvider.SPEC);
        n.put("id", id);
        n.put("status", status);
        if (pid != 0) {
            n.put("pid", pid);
        }
        n.put("bundle", bundle);
        if (!annotations.isEmpty()) {
            ObjectNode a = n.putObject("annotations");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(annotations).entrySet()) {
                a.put(e.getKey(), e.getValue());
            }
        }
        return JsonTrees.write(n, null);
    }

    private static String write(JsonNode node, boolean pretty) {
        return new String(JsonTrees.write(node, pretty ? PRETTY : null), StandardCharsets.UTF_8);
    }
}
