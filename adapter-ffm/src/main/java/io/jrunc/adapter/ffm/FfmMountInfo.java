package io.jrunc.adapter.ffm;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of /proc/[pid]/mountinfo: {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw}.
 * The optional fields end at "-"; paths escape space, tab, newline and backslash as octal.
 */
record FfmMountInfo(String mountPoint, String fstype, String superOptions) {
    static List<FfmMountInfo> parse(String mountinfo) {
        List<FfmMountInfo> mounts = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            if (!line.isBlank()) {
                mounts.add(parseLine(line));
            }
        }
        return mounts;
    }

    static FfmMountInfo parseLine(String line) {
        String[] fields = line.split(" ");
        int separator = 6;
        while (separator < fields.length && !fields[separator].equals("-")) {
            separator++;
        }
        if (fields.length < 5 || separator + 3 > fields.length) {
            throw new IllegalArgumentException("not a mountinfo line: " + line);
        }
        return new FfmMountInfo(unescape(fields[4]), fields[separator + 1], fields[separator + 3]);
    }

    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
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
        for (int i = from; i < from + 3; i++) {
            if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
