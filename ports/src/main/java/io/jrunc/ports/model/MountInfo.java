package io.jrunc.ports.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of /proc/[pid]/mountinfo: {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw}.
 * The optional fields end at "-"; the kernel writes space, tab, newline and backslash in paths as octal
 * escapes ({@code \040} …). Both native backends read the mount table with it.
 *
 * @param shared whether the mount is in a peer group ("shared:N" among the optional fields): pivot_root refuses
 *               a new root whose parent mount is shared
 */
public record MountInfo(String mountPoint, String fstype, String superOptions, boolean shared, String mountOptions) {
    private static final int MOUNT_POINT_FIELD = 4;
    private static final int FIRST_OPTIONAL_FIELD = 6;

    public MountInfo(String mountPoint, String fstype, String superOptions) {
        this(mountPoint, fstype, superOptions, false);
    }

    public MountInfo(String mountPoint, String fstype, String superOptions, boolean shared) {
        this(mountPoint, fstype, superOptions, shared, "");
    }

    /**
     * The flags of this mount that a user namespace cannot take off a bind of it (mount_namespaces(7), "locked"
     * mounts): a remount of such a bind must name them again, or the kernel says EPERM.
     */
    public java.util.Set<MountFlag> lockedFlags() {
        java.util.Set<MountFlag> locked = java.util.EnumSet.noneOf(MountFlag.class);
        for (String option : mountOptions.split(",")) {
            switch (option) {
                case "ro" -> locked.add(MountFlag.MS_RDONLY);
                case "nosuid" -> locked.add(MountFlag.MS_NOSUID);
                case "nodev" -> locked.add(MountFlag.MS_NODEV);
                case "noexec" -> locked.add(MountFlag.MS_NOEXEC);
                case "noatime" -> locked.add(MountFlag.MS_NOATIME);
                case "nodiratime" -> locked.add(MountFlag.MS_NODIRATIME);
                case "relatime" -> locked.add(MountFlag.MS_RELATIME);
                default -> { }
            }
        }
        return locked;
    }

    /**
     * The mount {@code path} lies on: the topmost of those mounted on the longest mount point that is
     * {@code path} or one of its directories ({@code path} absolute, without "." or ".." parts).
     */
    public static java.util.Optional<MountInfo> containing(List<MountInfo> mounts, String path) {
        MountInfo best = null;
        for (MountInfo m : mounts) {
            String mp = m.mountPoint();
            boolean holds = mp.equals("/") || path.equals(mp) || path.startsWith(mp + "/");
            if (holds && (best == null || mp.length() >= best.mountPoint().length())) {
                best = m;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** Every line of a mountinfo file; blank lines are skipped. */
    public static List<MountInfo> parse(String mountinfo) {
        List<MountInfo> mounts = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            if (!line.isBlank()) {
                mounts.add(parseLine(line));
            }
        }
        return mounts;
    }

    /** One line; IllegalArgumentException when it has no "-" separator or too few fields. */
    public static MountInfo parseLine(String line) {
        String[] fields = line.split(" ");
        int separator = FIRST_OPTIONAL_FIELD;
        while (separator < fields.length && !fields[separator].equals("-")) {
            separator++;
        }
        if (fields.length <= MOUNT_POINT_FIELD || separator + 3 > fields.length) {
            throw new IllegalArgumentException("not a mountinfo line: " + line);
        }
        boolean shared = false;
        for (int i = FIRST_OPTIONAL_FIELD; i < separator; i++) {
            shared |= fields[i].startsWith("shared:");
        }
        return new MountInfo(unescape(fields[MOUNT_POINT_FIELD]), fields[separator + 1], fields[separator + 3], shared,
                fields[MOUNT_POINT_FIELD + 1]);
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
