package io.jrunc.adapter.jna;

import java.util.Optional;

/**
 * The fields of /proc/[pid]/stat the runtime needs. The command name (field 2) may hold spaces and
 * parentheses, so fields are counted after the last ')'.
 */
final class JnaProcStat {
    private static final int FIRST_FIELD_AFTER_NAME = 3;
    private static final int START_TIME_FIELD = 22;

    private final char state;
    private final long startTime;

    private JnaProcStat(char state, long startTime) {
        this.state = state;
        this.startTime = startTime;
    }

    static Optional<JnaProcStat> parse(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        int startIndex = START_TIME_FIELD - FIRST_FIELD_AFTER_NAME;
        if (fields.length <= startIndex || fields[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JnaProcStat(fields[0].charAt(0), Long.parseLong(fields[startIndex])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    char state() {
        return state;
    }

    long startTime() {
        return startTime;
    }

    /** Zombies ('Z') and the dead ('X') have ended; only their parent's wait is left. */
    boolean running() {
        return state != 'Z' && state != 'X';
    }
}
