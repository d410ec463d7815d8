package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.DeviceCgroupType;
import io.jrunc.domain.config.DeviceRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What an ordered list of device rules leaves in force, reduced the way the cgroup v1 devices controller
 * reduces the writes it is given: a default (allow or deny every device) and exceptions to it, one access set
 * per (type, major, minor). An "a" rule resets both; any other rule adds to or takes from the exceptions,
 * depending on the default. Both the v1 writes and the v2 program are made from this, so the two hierarchies
 * decide alike.
 *
 * <p>One deliberate refusal, as runc's emulator makes it: a rule that would punch a hole in a wildcard
 * exception ("deny c 1:3 w" after "allow c *:* rwm") is an error, since v1 silently ignores it and the
 * container would get less isolation than its config says.
 */
final class DeviceAccessPolicy {
    /** Bits as the kernel's bpf_cgroup_dev_ctx carries them (BPF_DEVCG_ACC_*). */
    static final int MKNOD = 1;
    static final int READ = 2;
    static final int WRITE = 4;
    static final int ALL_ACCESS = MKNOD | READ | WRITE;

    /** -1 in a match: every major (or minor), as runc and the spec's absent field mean it. */
    static final long WILDCARD = -1;
    private static final long MAX_NUMBER = 0xFFFF_FFFFL;

    private boolean defaultAllow;
    private final Map<Match, Integer> exceptions = new LinkedHashMap<>();

    private DeviceAccessPolicy(boolean defaultAllow) {
        this.defaultAllow = defaultAllow;
    }

    /** One device match: {@code block} false is a char device; major and minor may be {@link #WILDCARD}. */
    record Match(boolean block, long major, long minor) {
        // equals and hashCode written out: a record's own are linked through invokedynamic on first use, which
        // the start-up cache does not hold, and cost every create about 8 ms (a map of these is built then).
        @Override
        public boolean equals(Object other) {
            return other instanceof Match m && m.block == block && m.major == major && m.minor == minor;
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(major) * 31 + Long.hashCode(minor)) * 2 + (block ? 1 : 0);
        }

        String line(int access) {
            return (block ? "b " : "c ") + number(major) + ":" + number(minor) + " " + letters(access);
        }

        private static String number(long n) {
            return n == WILDCARD ? "*" : Long.toString(n);
        }
    }

    /**
     * The policy the rules leave, starting from the kernel's default for a new cgroup under an allow-all parent
     * (allow everything). Each rule is checked; a bad one fails with a {@link CgroupError} naming its field as
     * {@code linux.resources.devices[i]}, i being its place in {@code rules}.
     */
    static DeviceAccessPolicy of(List<DeviceRule> rules) {
        DeviceAccessPolicy policy = new DeviceAccessPolicy(true);
        for (int i = 0; i < rules.size(); i++) {
            policy.apply(rules.get(i), i);
        }
        return policy;
    }

    /**
     * The policy a v1 cgroup's {@code devices.list} shows: an allow-list, unless it holds "a *:* rwm", which the
     * kernel writes for a cgroup that allows everything (its deny exceptions are not listed, so such a cgroup
     * can only be read as allowing everything).
     */
    static DeviceAccessPolicy fromDevicesList(String list) {
        DeviceAccessPolicy policy = new DeviceAccessPolicy(false);
        for (String raw : list.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String[] numbers = parts.length == 3 ? parts[1].split(":") : new String[0];
            if (numbers.length != 2) {
                throw new CgroupError("devices.list", "cannot parse line \"" + line + "\"");
            }
            if (parts[0].equals("a")) {
                return new DeviceAccessPolicy(true);
            }
            if (!parts[0].equals("b") && !parts[0].equals("c")) {
                throw new CgroupError("devices.list", "unknown device type in line \"" + line + "\"");
            }
            Match match = new Match(parts[0].equals("b"), listNumber(numbers[0], line), listNumber(numbers[1], line));
            policy.exceptions.merge(match, access(parts[2], "devices.list"), (a, b) -> a | b);
        }
        return policy;
    }

    private static long listNumber(String text, String line) {
        if (text.equals("*")) {
            return WILDCARD;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CgroupError("devices.list", "bad device number in line \"" + line + "\"");
        }
    }

    boolean defaultAllow() {
        return defaultAllow;
    }

    /** The exceptions to the default, in the order they were first made; each value is the access bits. */
    Map<Match, Integer> exceptions() {
        return Map.copyOf(exceptions);
    }

    /** The exceptions in a stable order: as first made. */
    List<Map.Entry<Match, Integer>> orderedExceptions() {
        return exceptions.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    private void apply(DeviceRule rule, int index) {
        String field = "linux.resources.devices[" + index + "]";
        if (rule.access().isEmpty() || rule.access().get().isEmpty()) {
            throw new CgroupError(field + ".access", "device access at " + index + " field cannot be empty");
        }
        int access = access(rule.access().get(), field + ".access");
        DeviceCgroupType type = rule.type().orElse(DeviceCgroupType.ALL);
        long major = number(rule.major(), field + ".major");
        long minor = number(rule.minor(), field + ".minor");
        if (type == DeviceCgroupType.ALL) {
            // As the kernel does for "a": a new default, and no exceptions left; numbers and access do not matter.
            defaultAllow = rule.allow();
            exceptions.clear();
            return;
        }
        Match match = new Match(type == DeviceCgroupType.BLOCK, major, minor);
        if (rule.allow() == defaultAllow) {
            narrowException(match, access, field);
        } else {
            exceptions.merge(match, access, (a, b) -> a | b);
        }
    }

    /** Takes access away from the exception with exactly this match, refusing to punch holes in wildcards. */
    private void narrowException(Match match, int access, String field) {
        for (Match wider : List.of(new Match(match.block(), WILDCARD, match.minor()),
                new Match(match.block(), match.major(), WILDCARD), new Match(match.block(), WILDCARD, WILDCARD))) {
            int held = exceptions.getOrDefault(wider, 0);
            if (!wider.equals(match) && (held & access) != 0) {
                throw new CgroupError(field, "rule \"" + match.line(access) + "\" is not supported by the devices "
                        + "cgroup (cannot punch a hole in the wildcard rule \"" + wider.line(held) + "\")");
            }
        }
        int left = exceptions.getOrDefault(match, 0) & ~access;
        if (left == 0) {
            exceptions.remove(match);
        } else {
            exceptions.put(match, left);
        }
    }

    static int access(String letters, String field) {
        if (letters.isEmpty()) {
            throw new CgroupError(field, "device access cannot be empty");
        }
        int bits = 0;
        for (char c : letters.toCharArray()) {
            switch (c) {
                case 'r' -> bits |= READ;
                case 'w' -> bits |= WRITE;
                case 'm' -> bits |= MKNOD;
                default -> { } // as runc's Permissions: any other letter ("rwa") is passed over
            }
        }
        if (bits == 0) {
            throw new CgroupError(field, "device access \"" + letters + "\" names none of r, w, m");
        }
        return bits;
    }

    static String letters(int access) {
        return ((access & READ) != 0 ? "r" : "") + ((access & WRITE) != 0 ? "w" : "")
                + ((access & MKNOD) != 0 ? "m" : "");
    }

    /** Absent, -1 and 2^32-1 all mean any: the kernel stores v1's '*' as ~0u, and a u32 cannot tell them apart. */
    private static long number(OptionalLong value, String field) {
        if (value.isEmpty() || value.getAsLong() == WILDCARD || value.getAsLong() == MAX_NUMBER) {
            return WILDCARD;
        }
        long n = value.getAsLong();
        if (n < 0 || n > MAX_NUMBER) {
            throw new CgroupError(field, "must be between 0 and " + MAX_NUMBER + " (or -1 for any), got " + n);
        }
        return n;
    }
}
