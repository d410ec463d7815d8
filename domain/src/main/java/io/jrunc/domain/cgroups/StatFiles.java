package io.jrunc.domain.cgroups;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parsing of the kernel's cgroup statistics files; an absent or odd value reads as 0, as in runc. */
final class StatFiles {
    /** Sizes probed for hugetlb statistics: x86-64's, then arm64's. */
    static final List<String> PAGE_SIZES = List.of("2MB", "1GB", "64KB", "32MB", "512MB", "16GB");

    private StatFiles() {
    }

    /** A single number; "max" is the largest unsigned value, which reads as -1 here. */
    static long number(Optional<String> content) {
        String s = content.map(String::trim).orElse("");
        if (s.equals("max")) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e2) {
                return 0;
            }
        }
    }

    /** "key value" lines (memory.stat, cpu.stat, cpuacct.stat). */
    static Map<String, Long> keyed(Optional<String> content) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : content.orElse("").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                out.put(f[0], number(Optional.of(f[1])));
            }
        }
        return out;
    }

    static List<Long> numbers(Optional<String> content) {
        List<Long> out = new ArrayList<>();
        for (String f : content.orElse("").trim().split("\\s+")) {
            if (!f.isEmpty()) {
                out.add(number(Optional.of(f)));
            }
        }
        return out;
    }

    /** A cpuset list such as "0-3,8" as its numbers. */
    static List<Integer> cpuList(Optional<String> content) {
        List<Integer> out = new ArrayList<>();
        for (String part : content.orElse("").trim().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                String[] range = part.split("-");
                int from = Integer.parseInt(range[0].trim());
                int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                for (int cpu = from; cpu <= to; cpu++) {
                    out.add(cpu);
                }
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return out;
    }
}
