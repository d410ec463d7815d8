package io.jrunc.cli.systemd;

import java.util.Optional;

/**
 * The device groups of {@code /proc/devices} ("136 pts" under "Character devices:"), which systemd before
 * v240 needs for a rule on every minor of a major: DeviceAllow takes "char-pts", not a number.
 */
final class DeviceGroups {
    private DeviceGroups() {
    }

    /**
     * The group of that major, with systemd's type prefix ("char-pts", "block-sd"); empty when the text lists
     * none. Where a major has several names the first is taken (any would do for systemd).
     */
    static Optional<String> find(String procDevices, boolean block, long major) {
        Boolean inBlock = null;
        String number = Long.toString(major);
        for (String raw : procDevices.split("\n")) {
            String line = raw.strip();
            if (line.equals("Block devices:")) {
                inBlock = true;
                continue;
            }
            if (line.equals("Character devices:")) {
                inBlock = false;
                continue;
            }
            if (inBlock == null || inBlock != block || line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+", 2);
            if (fields.length == 2 && fields[0].equals(number)) {
                return Optional.of(prefix(block) + fields[1]);
            }
        }
        return Optional.empty();
    }

    /** systemd's prefix for a device type in DeviceAllow's group and glob forms. */
    static String prefix(boolean block) {
        return block ? "block-" : "char-";
    }
}
