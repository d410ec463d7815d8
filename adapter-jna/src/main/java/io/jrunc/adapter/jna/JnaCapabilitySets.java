package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;

import java.util.Set;

/** capset(2)'s version-3 layout: two data structs of {effective, permitted, inheritable}, caps 0–31 then 32–63. */
final class JnaCapabilitySets {
    static final int VERSION_3 = 0x20080522;
    private static final int FIELDS = 3;
    private static final int BITS = 32;
    private static final int HIGHEST = 63;

    private JnaCapabilitySets() {
    }

    static int[] header() {
        return new int[] {VERSION_3, 0};
    }

    static int[] data(Set<Integer> effective, Set<Integer> permitted, Set<Integer> inheritable) {
        int[] data = new int[2 * FIELDS];
        set(data, 0, effective);
        set(data, 1, permitted);
        set(data, 2, inheritable);
        return data;
    }

    private static void set(int[] data, int field, Set<Integer> caps) {
        for (int cap : caps) {
            if (cap < 0 || cap > HIGHEST) {
                throw new SyscallException("capset", Errno.EINVAL, "unknown capability " + cap);
            }
            data[(cap / BITS) * FIELDS + field] |= 1 << (cap % BITS);
        }
    }
}
