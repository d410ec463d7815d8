package io.jrunc.domain.paths;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A path's parts after lexical cleaning, as if it were rooted: "" and "." go, and ".." drops the part
 * before it but never climbs above the top. Paths from a config (mount destinations, cgroupsPath) are
 * joined to host paths this way, so that none escapes what it is joined to.
 */
public final class LexicalPath {
    private LexicalPath() {
    }

    public static List<String> segments(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return List.copyOf(parts);
    }
}
