package io.jrunc.domain.config;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kernel's list syntax for CPUs and NUMA nodes ("0-3,7", as cpuset.cpus and execCPUAffinity write them):
 * numbers and inclusive ranges, comma-separated.
 */
public final class CpuList {
    /** Far above any machine (the kernel's NR_CPUS tops out at 8192): a bound so a typo cannot ask for gigabytes. */
    public static final int LIMIT = 8192;

    private CpuList() {
    }

    /** The numbers {@code text} names, or empty when it is not the list syntax (or names one at LIMIT or above). */
    public static Optional<Set<Integer>> parse(String text) {
        Set<Integer> out = new TreeSet<>();
        if (text.isBlank()) {
            return Optional.of(out);
        }
        for (String part : text.trim().split(",", -1)) {
            String[] range = part.trim().split("-", -1);
            if (range.length > 2) {
                return Optional.empty();
            }
            Optional<Integer> low = number(range[0]);
            Optional<Integer> high = range.length == 2 ? number(range[1]) : low;
            if (low.isEmpty() || high.isEmpty() || low.get() > high.get()) {
                return Optional.empty();
            }
            for (int n = low.get(); n <= high.get(); n++) {
                out.add(n);
            }
        }
        return Optional.of(out);
    }

    private static Optional<Integer> number(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int n = Integer.parseInt(t);
        return n < LIMIT ? Optional.of(n) : Optional.empty();
    }
}
