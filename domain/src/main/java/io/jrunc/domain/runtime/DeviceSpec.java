package io.jrunc.domain.runtime;

/**
 * A device node the container gets in /dev.
 *
 * @param type 'c', 'b' or 'p'
 */
public record DeviceSpec(String path, char type, long major, long minor, int fileMode, int uid, int gid) {
    /** The nodes every container gets, as the runtime-spec's "Default Devices" lists them. */
    public static java.util.List<DeviceSpec> defaults() {
        return java.util.List.of(
                new DeviceSpec("/dev/null", 'c', 1, 3, 0666, 0, 0),
                new DeviceSpec("/dev/zero", 'c', 1, 5, 0666, 0, 0),
                new DeviceSpec("/dev/full", 'c', 1, 7, 0666, 0, 0),
                new DeviceSpec("/dev/random", 'c', 1, 8, 0666, 0, 0),
                new DeviceSpec("/dev/urandom", 'c', 1, 9, 0666, 0, 0),
                new DeviceSpec("/dev/tty", 'c', 5, 0, 0666, 0, 0));
    }
}
