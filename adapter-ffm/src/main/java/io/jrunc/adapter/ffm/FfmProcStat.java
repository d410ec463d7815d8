package io.jrunc.adapter.ffm;

/**
 * The fields of /proc/[pid]/stat the runtime needs. comm (field 2) is in parentheses and may itself contain
 * spaces and ')', so the fields are counted from the last ')'.
 *
 * @param state     field 3: R, S, D, Z, T, X …
 * @param startTime field 22: clock ticks after boot
 */
record FfmProcStat(char state, long startTime) {
    private static final int FIRST_FIELD_AFTER_COMM = 3;
    private static final int STATE = 3;
    private static final int START_TIME = 22;

    static FfmProcStat parse(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("no comm in /proc/[pid]/stat: " + stat);
        }
        String[] fields = stat.substring(end + 1).trim().split(" +");
        if (fields.length <= START_TIME - FIRST_FIELD_AFTER_COMM) {
            throw new IllegalArgumentException("too few fields in /proc/[pid]/stat: " + stat);
        }
        return new FfmProcStat(fields[STATE - FIRST_FIELD_AFTER_COMM].charAt(0),
                Long.parseLong(fields[START_TIME - FIRST_FIELD_AFTER_COMM]));
    }

    /** A zombie ('Z') or dead ('X') process has ended; only its entry is left. */
    boolean ended() {
        return state == 'Z' || state == 'X';
    }
}
