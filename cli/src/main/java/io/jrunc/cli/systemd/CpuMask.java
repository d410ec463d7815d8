package io.jrunc.cli.systemd;

import java.util.BitSet;

/**
 * A cpuset list ("0-3,8") as the byte array systemd takes for AllowedCPUs and AllowedMemoryNodes: byte 0
 * holds ids 0–7 (bit 0 is id 0), byte 1 ids 8–15, and so on. (runc first sent the bytes the other way round,
 * which turned "10-23" into "0-7 10-15"; systemd reads them as here.)
 */
final class CpuMask {
    /** Far above any kernel's NR_CPUS and node count; a bigger id is a typo, and would cost a huge mask. */
    private static final int MAX_ID = 1 << 16;

    private CpuMask() {
    }

    /** Throws IllegalArgumentException, with the reason, for a list the kernel would refuse too. */
    static byte[] toBits(String list) {
        BitSet bits = new BitSet();
        for (String element : list.split(",", -1)) {
            String item = element.strip();
            if (item.isEmpty()) {
                continue;
            }
            int dash = item.indexOf('-');
            if (dash < 0) {
                bits.set(id(item));
            } else {
                int from = id(item.substring(0, dash));
                int to = id(item.substring(dash + 1));
                if (from > to) {
                    throw new IllegalArgumentException("invalid range: " + item);
                }
                bits.set(from, to + 1);
            }
        }
        if (bits.isEmpty()) {
            throw new IllegalArgumentException("empty value");
        }
        return bits.toByteArray();
    }

    private static int id(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid cpu or node id: \"" + text + "\"");
        }
        if (text.length() > 6 || Integer.parseInt(text) > MAX_ID) {
            throw new IllegalArgumentException("cpu or node id out of range: " + text);
        }
        return Integer.parseInt(text);
    }
}
