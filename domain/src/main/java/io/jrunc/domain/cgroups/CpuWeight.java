package io.jrunc.domain.cgroups;

/**
 * cgroup v1 {@code cpu.shares} [2, 262144] as a cgroup v2 {@code cpu.weight} [1, 10000], one function for every
 * driver: the cgroupfs writes and systemd's CPUWeight must agree, or the one written last wins.
 *
 * <p>This is the curve current runc and crun use, which maps v1's default 1024 to v2's default 100. runc 1.1's
 * straight line, 1 + (shares - 2) * 9999 / 262142, mapped 1024 to 39 and so made every container that asked for
 * the default share a low-priority one.
 */
public final class CpuWeight {
    private static final double LOG2_E = 1.44269504088896340735992468100189214;

    private CpuWeight() {
    }

    public static long fromShares(long shares) {
        if (shares <= 2) {
            return 1;
        }
        if (shares >= 262_144) {
            return 10_000;
        }
        // The curve lands on whole numbers (1024 -> 100), so log2 must be exact where Go's math.Log2 is.
        double l = log2(shares);
        double exponent = (l * l + 125 * l) / 612.0 - 7.0 / 34.0;
        return (long) Math.ceil(Math.pow(10, exponent));
    }

    /** log2 as Go computes it: exact for powers of two, from the mantissa's log otherwise. */
    private static double log2(long value) {
        double x = value;
        int exponent = Math.getExponent(x) + 1;
        double fraction = x / Math.scalb(1.0, exponent);
        if (fraction == 0.5) {
            return exponent - 1;
        }
        return Math.log(fraction) * LOG2_E + exponent;
    }
}
