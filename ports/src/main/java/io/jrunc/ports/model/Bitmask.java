package io.jrunc.ports.model;

import java.util.Set;

/** The kernel's bitmaps of CPUs and NUMA nodes (cpu_set_t, nodemask_t): 64 numbers to a word, lowest first. */
public final class Bitmask {
    private Bitmask() {
    }

    /** The words that hold {@code numbers}; none for an empty set. */
    public static long[] words(Set<Integer> numbers) {
        int highest = numbers.stream().mapToInt(Integer::intValue).max().orElse(-1);
        long[] words = new long[(highest + 64) / 64];
        for (int n : numbers) {
            if (n < 0) {
                throw new IllegalArgumentException("negative bit " + n);
            }
            words[n / 64] |= 1L << (n % 64);
        }
        return words;
    }

    /** set_mempolicy's maxnode for {@code words}: the kernel reads one bit fewer than it says. */
    public static long maxnode(long[] words) {
        return 64L * words.length + 1;
    }
}
