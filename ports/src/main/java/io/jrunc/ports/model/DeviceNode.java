package io.jrunc.ports.model;

/**
 * A node for mknod(2).
 *
 * @param type 'c' character, 'b' block, 'p' fifo
 * @param mode permission bits (the file type is added from {@code type})
 */
public record DeviceNode(String path, char type, int mode, long major, long minor, int uid, int gid) {
    public DeviceNode {
        if (type != 'c' && type != 'b' && type != 'p') {
            throw new IllegalArgumentException("device type must be c, b or p, got " + type);
        }
    }
}
