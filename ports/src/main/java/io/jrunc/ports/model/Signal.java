package io.jrunc.ports.model;

import java.util.Locale;
import java.util.Optional;

/** The standard Linux signals with their numbers on x86-64 and arm64. */
public enum Signal {
    SIGHUP(1), SIGINT(2), SIGQUIT(3), SIGILL(4), SIGTRAP(5), SIGABRT(6), SIGBUS(7), SIGFPE(8),
    SIGKILL(9), SIGUSR1(10), SIGSEGV(11), SIGUSR2(12), SIGPIPE(13), SIGALRM(14), SIGTERM(15),
    SIGSTKFLT(16), SIGCHLD(17), SIGCONT(18), SIGSTOP(19), SIGTSTP(20), SIGTTIN(21), SIGTTOU(22),
    SIGURG(23), SIGXCPU(24), SIGXFSZ(25), SIGVTALRM(26), SIGPROF(27), SIGWINCH(28), SIGIO(29),
    SIGPWR(30), SIGSYS(31);

    /** Real-time signals run from 34 (glibc reserves 32 and 33) to 64. */
    public static final int SIGRTMIN = 34;
    public static final int SIGRTMAX = 64;

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /**
     * Parses a signal the way runc's kill does: a number, or a name with or without "SIG",
     * in any case; also SIGRTMIN+n and SIGRTMAX-n. Returns the signal number.
     */
    public static Optional<Integer> parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.chars().allMatch(Character::isDigit)) {
            try {
                int n = Integer.parseInt(s);
                return n >= 1 && n <= SIGRTMAX ? Optional.of(n) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        String name = s.toUpperCase(Locale.ROOT);
        if (!name.startsWith("SIG")) {
            name = "SIG" + name;
        }
        Optional<Integer> realtime = realtime(name);
        if (realtime.isPresent()) {
            return realtime;
        }
        if (name.equals("SIGIOT")) {
            return Optional.of(SIGABRT.number);
        }
        try {
            return Optional.of(valueOf(name).number);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> realtime(String name) {
        for (String base : new String[] {"SIGRTMIN", "SIGRTMAX"}) {
            if (!name.startsWith(base)) {
                continue;
            }
            int origin = base.equals("SIGRTMIN") ? SIGRTMIN : SIGRTMAX;
            String rest = name.substring(base.length());
            if (rest.isEmpty()) {
                return Optional.of(origin);
            }
            try {
                int n = origin + Integer.parseInt(rest.startsWith("+") ? rest.substring(1) : rest);
                return n >= SIGRTMIN && n <= SIGRTMAX ? Optional.of(n) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
