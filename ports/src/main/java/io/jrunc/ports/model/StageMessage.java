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
    /**
     * The most bytes of fields jrunc-init reads in one message (its MAX_MESSAGE): the largest request is an exec
     * whose argv and envp execve(2) could still take, with room for its few small fields and the program's path.
     */
    public static final int MAX_LENGTH = ExecArguments.MAX_BYTES + (64 << 10);
    /**
     * The most fields jrunc-init takes in one message (its MAX_FIELDS): each string of argv and envp costs
     * execve at least a NUL and a pointer, and an exec request has five fields more.
     */
    public static final int MAX_FIELDS = ExecArguments.MAX_BYTES / ExecArguments.LEAST_PER_STRING + 16;

    private StageMessage() {
    }

    /**
     * One message; a field holding a NUL byte would shift every later one, and a message beyond what jrunc-init
     * reads would end it unanswered (the runtime then meets a closed socket), so both are refused here.
     */
    public static byte[] encode(List<String> fields) {
        if (fields.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("a message of " + fields.size() + " fields, more than jrunc-init takes ("
                    + MAX_FIELDS + ")");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String f : fields) {
            if (f.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a NUL byte in a field: " + f.replace('\0', '?'));
            }
            byte[] bytes = f.getBytes(StandardCharsets.UTF_8);
            body.write(bytes, 0, bytes.length);
            body.write(0);
        }
        if (body.size() > MAX_LENGTH) {
            throw new IllegalArgumentException("a message of " + body.size() + " bytes, more than jrunc-init reads ("
                    + MAX_LENGTH + ")");
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
