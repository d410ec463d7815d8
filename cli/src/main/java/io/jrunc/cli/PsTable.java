package io.jrunc.cli;

import io.vavr.control.Either;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * runc ps's table: the host's ps output cut down to the header and the lines of the container's processes,
 * found by the PID column the header names.
 */
final class PsTable {
    private PsTable() {
    }

    /** The lines to print, each ending in a newline; or the error runc gives. */
    static Either<String, String> filter(String psOutput, List<Integer> pids) {
        String[] lines = psOutput.split("\n", -1);
        int pidColumn = pidColumn(lines[0]);
        if (pidColumn < 0) {
            return Either.left("couldn't find PID field in ps output");
        }
        Set<Integer> wanted = new HashSet<>(pids);
        StringBuilder table = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            String pid = pidColumn < fields.length ? fields[pidColumn] : "";
            int parsed;
            try {
                parsed = Integer.parseInt(pid);
            } catch (NumberFormatException e) {
                return Either.left("unable to parse pid: strconv.Atoi: parsing " + GoValues.quote(pid)
                        + ": invalid syntax");
            }
            if (wanted.contains(parsed)) {
                table.append(line).append('\n');
            }
        }
        return Either.right(table.toString());
    }

    private static int pidColumn(String header) {
        String[] titles = header.trim().split("\\s+");
        for (int i = 0; i < titles.length; i++) {
            if (titles[i].equals("PID")) {
                return i;
            }
        }
        return -1;
    }
}
