package io.jrunc.domain.init;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HOME for the user's process, as runc's setupUser sets it: the config's own when its env gives one a value,
 * else the home directory of the first entry for the process's uid in the container's /etc/passwd, else "/".
 */
final class UserHome {
    static final String PASSWD = "/etc/passwd";
    /** More than any real passwd file holds; a larger one fails create rather than fill the runtime's memory. */
    static final int MAX_PASSWD = 16 << 20;
    private static final String HOME = "HOME=";

    private UserHome() {
    }

    /**
     * {@code env} with HOME set; {@code passwd} is read only when the env lacks one. As runc's, a HOME given
     * empty counts as none, and a later HOME entry overrides an earlier one.
     */
    static List<String> environment(List<String> env, int uid, Supplier<Optional<byte[]>> passwd) {
        String given = "";
        for (String entry : env) {
            if (entry.startsWith(HOME)) {
                given = entry.substring(HOME.length());
            }
        }
        if (!given.isEmpty()) {
            return env;
        }
        String home = passwd.get().flatMap(p -> homeOf(uid, new String(p, StandardCharsets.UTF_8))).orElse("/");
        List<String> out = new ArrayList<>();
        for (String entry : env) {
            if (!entry.startsWith(HOME)) {
                out.add(entry);
            }
        }
        out.add(HOME + home);
        return List.copyOf(out);
    }

    /**
     * The home directory (the sixth field) of the first passwd line whose uid (the third) is {@code uid}. A line
     * whose uid is no number matches nothing: runc reads it as uid 0, so that a comment line could stand for root.
     */
    static Optional<String> homeOf(int uid, String passwd) {
        long wanted = Integer.toUnsignedLong(uid);
        for (String raw : passwd.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(":", -1);
            if (fields.length > 2 && isNumber(fields[2]) && Long.parseLong(fields[2]) == wanted) {
                return Optional.of(fields.length > 5 ? fields[5] : "");
            }
        }
        return Optional.empty();
    }

    private static boolean isNumber(String field) {
        return !field.isEmpty() && field.length() <= 10 && field.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
