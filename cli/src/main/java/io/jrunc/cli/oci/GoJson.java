package io.jrunc.cli.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Prints a JSON tree the way Go's {@code json.MarshalIndent(v, "", "\t")} does, so {@code jrunc spec} output is
 * byte-for-byte runc's: tab indents, {@code "key": value}, empty containers as {@code []}/{@code {}}, and Go's
 * HTML-safe escaping of {@code <}, {@code >}, {@code &}, U+2028 and U+2029.
 */
final class GoJson {
    private GoJson() {}

    static String print(JsonNode node) {
        return print(node, "\t");
    }

    /** As Go's encoder with {@code SetIndent("", indent)} writes it, without the newline Encode adds. */
    static String print(JsonNode node, String indent) {
        var out = new StringBuilder();
        write(node, 0, indent, out);
        return out.toString();
    }

    private static void write(JsonNode node, int depth, String indent, StringBuilder out) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                newline(depth + 1, indent, out);
                string(field.getKey(), out);
                out.append(": ");
                write(field.getValue(), depth + 1, indent, out);
                if (fields.hasNext()) {
                    out.append(',');
                }
            }
            newline(depth, indent, out);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                newline(depth + 1, indent, out);
                write(node.get(i), depth + 1, indent, out);
                if (i < node.size() - 1) {
                    out.append(',');
                }
            }
            newline(depth, indent, out);
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else {
            // Numbers, booleans, null: Jackson's text and Go's agree. Not toString(), which builds an
            // ObjectMapper (its classes would go into every command's start-up cache with `spec`).
            out.append(node.asText());
        }
    }

    private static void newline(int depth, String indent, StringBuilder out) {
        out.append('\n');
        out.append(indent.repeat(depth));
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
