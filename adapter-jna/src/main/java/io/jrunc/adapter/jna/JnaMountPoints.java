package io.jrunc.adapter.jna;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The mounts of the calling thread's mount namespace, from /proc/thread-self/mountinfo. */
final class JnaMountPoints {
    private static final String MOUNTINFO = "/proc/thread-self/mountinfo";
    private static final int MOUNT_POINT_FIELD = 4;

    /** One line of mountinfo: where, and the filesystem type after the " - " separator. */
    static final class JnaMount {
        final String mountPoint;
        final String fstype;

        JnaMount(String mountPoint, String fstype) {
            this.mountPoint = mountPoint;
            this.fstype = fstype;
        }
    }

    private JnaMountPoints() {
    }

    static List<JnaMount> current() {
        return parse(JnaFileIo.readIfExists(MOUNTINFO)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(""));
    }

    static List<JnaMount> parse(String mountinfo) {
        List<JnaMount> entries = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (fields.length <= MOUNT_POINT_FIELD || separator < 0 || separator + 1 >= fields.length) {
                continue;
            }
            entries.add(new JnaMount(unescape(fields[MOUNT_POINT_FIELD]), fields[separator + 1]));
        }
        return entries;
    }

    /** The kernel writes space, tab, newline and backslash in paths as octal escapes (\040 …). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
