package io.jrunc.ports.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The framing spoken with jrunc-init, the container's first process (cli/src/main/c/jrunc-init.c): a 32-bit
 * little-endian length, then that many bytes of fields, each ended by a NUL byte.
 */
public final class StageMessage {
    /** Bytes of the length that comes first. */
    public static final int HEADER = 4;

    private StageMessage() {
    }

    /** One message; a field holding a NUL byte would shift every later one, so it is refused. */
    public static byte[] encode(List<String> fields) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String f : fields) {
            if (f.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a NUL byte in a field: " + f.replace('\0', '?'));
            }
            byte[] bytes = f.getBytes(StandardCharsets.UTF_8);
            body.write(bytes, 0, bytes.length);
            body.write(0);
        }
        return ByteBuffer.allocate(HEADER + body.size()).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(body.size()).put(body.toByteArray()).array();
    }

    /** The body length a header announces. */
    public static int length(byte[] header) {
        return ByteBuffer.wrap(header, 0, HEADER).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** The fields of a body; bytes after the last NUL are no field. */
    public static List<String> fields(byte[] body) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                fields.add(new String(body, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return fields;
    }
}
