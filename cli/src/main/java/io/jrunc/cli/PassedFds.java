package io.jrunc.cli;

import io.vavr.control.Either;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fds from 3 up that jrunc's caller handed it, as the launcher recorded them just before it started the
 * JVM, and how many of them go on to the container: socket activation's first, then {@code --preserve-fds}.
 *
 * <p>The record is the only way to tell them apart from the JVM's own files, which it opens without
 * close-on-exec at the lowest free numbers (the modules image, every jar of the class path): handed to a
 * container, one of those lets its root reopen and overwrite jrunc's own jar. So a count that reaches a
 * number the caller did not hand over is refused, and without a record (the CLI run in-process, or by
 * {@code java -cp} directly) nothing counts as handed over.
 */
final class PassedFds {
    /** The system property the launcher ({@code ./jrunc}) sets: the fd numbers, comma-separated. */
    static final String PROPERTY = "jrunc.inherited.fds";

    private final Set<Integer> passed;

    private PassedFds(Set<Integer> passed) {
        this.passed = passed;
    }

    /** {@code record}: the launcher's list, or null where none was made. */
    static PassedFds recorded(String record) {
        Set<Integer> fds = new TreeSet<>();
        if (record == null || record.isEmpty()) {
            return new PassedFds(fds);
        }
        for (String fd : record.split(",", -1)) {
            if (!fd.matches("[0-9]{1,9}")) {
                // Not what the launcher writes: none of it can be trusted to name the caller's fds.
                return new PassedFds(new TreeSet<>());
            }
            fds.add(Integer.parseInt(fd));
        }
        return new PassedFds(fds);
    }

    /**
     * How many fds from 3 the container gets, or why it can get none: {@code $LISTEN_FDS} counts only where
     * {@code $LISTEN_PID} is this process ({@code pid}), as systemd's activation protocol has it, since a
     * variable inherited from further up names fds that are not ours; the preserved fds come right after.
     */
    Either<String, Integer> toContainer(Map<String, String> env, long pid, int preserveFds) {
        int listen = listenFds(env, pid);
        for (int i = 0; i < listen; i++) {
            int fd = 3 + i;
            if (!passed.contains(fd)) {
                return Either.left("unable to use listen fd " + i + " (of " + listen + ", from LISTEN_FDS): fd " + fd
                        + " was not passed to jrunc");
            }
        }
        int base = 3 + listen;
        for (int i = 0; i < preserveFds; i++) {
            int fd = base + i;
            if (!passed.contains(fd)) {
                return Either.left("unable to stat preserved-fd " + i + " (of " + preserveFds + "): fd " + fd
                        + " was not passed to jrunc");
            }
        }
        return Either.right(listen + preserveFds);
    }

    /** As go-systemd reads them, which runc uses: anything but this pid and a count means no listen fds. */
    private static int listenFds(Map<String, String> env, long pid) {
        String owner = env.get("LISTEN_PID");
        String count = env.get("LISTEN_FDS");
        if (owner == null || count == null) {
            return 0;
        }
        try {
            return Long.parseLong(owner) == pid ? Math.max(0, Integer.parseInt(count)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
