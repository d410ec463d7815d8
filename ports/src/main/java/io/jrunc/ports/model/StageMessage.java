package io.jrunc.ports.model;

import io.jrunc.ports.FileDescriptors;
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

    /** Writes one message of {@code fields} to {@code fd}. */
    public static void send(FileDescriptors fds, int fd, List<String> fields) {
        fds.write(fd, encode(fields));
    }

    /**
     * Reads one message from {@code fd}: its fields, or an empty list at end of file (the peer is gone).
     * A length of zero or above {@code maxLength} is EIO: the peer speaks something else.
     */
    public static List<String> receive(FileDescriptors fds, int fd, int maxLength) {
        byte[] header = readFully(fds, fd, HEADER);
        if (header == null) {
            return List.of();
        }
        int length = length(header);
        if (length <= 0 || length > maxLength) {
            throw new SyscallException("read", Errno.EIO, "a message of " + length + " bytes on fd " + fd);
        }
        byte[] body = readFully(fds, fd, length);
        return body == null ? List.of() : fields(body);
    }

    /** Exactly {@code n} bytes, or null at an end of file before them. */
    private static byte[] readFully(FileDescriptors fds, int fd, int n) {
        byte[] out = new byte[n];
        int at = 0;
        while (at < n) {
            byte[] chunk = fds.read(fd, n - at);
            if (chunk.length == 0) {
                return null;
            }
            System.arraycopy(chunk, 0, out, at, chunk.length);
            at += chunk.length;
        }
        return out;
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
