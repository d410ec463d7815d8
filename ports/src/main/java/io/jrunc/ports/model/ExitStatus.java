package io.jrunc.ports.model;

/**
 * How a process ended, as waitpid(2) tells it.
 *
 * @param code   the exit code when it exited, else 0
 * @param signal the signal that killed it, else 0
 */
public record ExitStatus(int code, int signal) {
    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0);
    }

    public static ExitStatus killed(int signal) {
        return new ExitStatus(0, signal);
    }

    public boolean signaled() {
        return signal != 0;
    }

    /** The shell's convention, which runc follows for a foreground run: 128+N when killed by signal N. */
    public int shellStatus() {
        return signaled() ? 128 + signal : code;
    }
}
