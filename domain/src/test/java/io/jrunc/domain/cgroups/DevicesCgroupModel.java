package io.jrunc.domain.cgroups;

import io.jrunc.domain.config.DeviceRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference the device program is checked against: the cgroup v1 devices controller as the kernel's
 * security/device_cgroup.c behaves, written from its rules rather than from the code under test. It takes
 * lines written to devices.allow / devices.deny, keeps a default behaviour and a list of exceptions, and
 * answers access checks (match_exception for an allow-list, match_exception_partial for a deny-list).
 *
 * <p>It also notes when the kernel would silently ignore a write: narrowing an exact exception while a wider
 * (wildcard) exception covers some of the same access, which the code under test must refuse instead.
 */
final class DevicesCgroupModel {
    static final int MKNOD = 1;
    static final int READ = 2;
    static final int WRITE = 4;
    static final int BLOCK = 1;
    static final int CHAR = 2;
    private static final long ANY = 0xFFFF_FFFFL; // ~0, as the kernel stores '*'

    private record Exception(int type, long major, long minor, int access) {
    }

    private boolean allowByDefault = true; // a new cgroup under the root allows everything
    private final List<Exception> exceptions = new ArrayList<>();
    private boolean ignoredHole;

    /** One write, e.g. ("devices.allow", "c 1:3 rwm"). */
    void write(String file, String line) {
        boolean allowFile = switch (file) {
            case "devices.allow" -> true;
            case "devices.deny" -> false;
            default -> throw new AssertionError("not a devices file: " + file);
        };
        String[] parts = line.split(" ");
        if (parts[0].equals("a")) {
            exceptions.clear();
            allowByDefault = allowFile;
            return;
        }
        int type = parts[0].equals("b") ? BLOCK : CHAR;
        String[] numbers = parts[1].split(":");
        Exception ex = new Exception(type, parse(numbers[0]), parse(numbers[1]), accessBits(parts[2]));
        boolean remove = allowFile == allowByDefault;
        if (remove) {
            remove(ex);
        } else {
            add(ex);
        }
    }

    /** The rule as runc writes it literally: "a" for a typeless rule, '*' for an absent number. */
    void apply(DeviceRule rule) {
        String type = rule.type().map(t -> t.spec()).orElse("a");
        String major = rule.major().isPresent() && rule.major().getAsLong() >= 0
                ? Long.toString(rule.major().getAsLong()) : "*";
        String minor = rule.minor().isPresent() && rule.minor().getAsLong() >= 0
                ? Long.toString(rule.minor().getAsLong()) : "*";
        write(rule.allow() ? "devices.allow" : "devices.deny", type + " " + major + ":" + minor + " "
                + rule.access().orElseThrow());
    }

    boolean ignoredHole() {
        return ignoredHole;
    }

    /** The decision for one access; {@code type} and {@code access} as the BPF_DEVCG_* bits. */
    boolean allows(int type, long major, long minor, int access) {
        for (Exception ex : exceptions) {
            if ((ex.type & type) == 0) {
                continue;
            }
            if (ex.major != ANY && ex.major != major || ex.minor != ANY && ex.minor != minor) {
                continue;
            }
            if (allowByDefault) {
                if ((access & ex.access) != 0) {
                    return false;
                }
            } else if ((access & ~ex.access) == 0) {
                return true;
            }
        }
        return allowByDefault;
    }

    /** The state as devices.list shows it: "a *:* rwm" for a deny-list, else the allow exceptions. */
    String devicesList() {
        if (allowByDefault) {
            return "a *:* rwm\n";
        }
        StringBuilder out = new StringBuilder();
        for (Exception ex : exceptions) {
            out.append(ex.type == BLOCK ? 'b' : 'c').append(' ').append(show(ex.major)).append(':')
                    .append(show(ex.minor)).append(' ').append(letters(ex.access)).append('\n');
        }
        return out.toString();
    }

    private void add(Exception ex) {
        for (int i = 0; i < exceptions.size(); i++) {
            Exception old = exceptions.get(i);
            if (old.type == ex.type && old.major == ex.major && old.minor == ex.minor) {
                exceptions.set(i, new Exception(ex.type, ex.major, ex.minor, old.access | ex.access));
                return;
            }
        }
        exceptions.add(ex);
    }

    private void remove(Exception ex) {
        for (Exception other : exceptions) {
            boolean wider = other.type == ex.type && (other.major == ANY || other.major == ex.major)
                    && (other.minor == ANY || other.minor == ex.minor)
                    && !(other.major == ex.major && other.minor == ex.minor);
            if (wider && (other.access & ex.access) != 0) {
                ignoredHole = true;
            }
        }
        for (int i = 0; i < exceptions.size(); i++) {
            Exception old = exceptions.get(i);
            if (old.type == ex.type && old.major == ex.major && old.minor == ex.minor) {
                int left = old.access & ~ex.access;
                if (left == 0) {
                    exceptions.remove(i);
                } else {
                    exceptions.set(i, new Exception(ex.type, ex.major, ex.minor, left));
                }
                return;
            }
        }
    }

    private static long parse(String number) {
        return number.equals("*") ? ANY : Long.parseLong(number);
    }

    private static String show(long number) {
        return number == ANY ? "*" : Long.toString(number);
    }

    static int accessBits(String letters) {
        int bits = 0;
        for (char c : letters.toCharArray()) {
            bits |= switch (c) {
                case 'r' -> READ;
                case 'w' -> WRITE;
                case 'm' -> MKNOD;
                default -> throw new AssertionError("bad access " + letters);
            };
        }
        return bits;
    }

    static String letters(int access) {
        return ((access & READ) != 0 ? "r" : "") + ((access & WRITE) != 0 ? "w" : "")
                + ((access & MKNOD) != 0 ? "m" : "");
    }
}
