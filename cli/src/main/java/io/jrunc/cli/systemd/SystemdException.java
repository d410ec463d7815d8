package io.jrunc.cli.systemd;

/** systemd could not be reached, or refused or failed a unit job; the message says which unit and why. */
public final class SystemdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SystemdException(String message, Throwable cause) {
        super(message, cause);
    }

    public SystemdException(String message) {
        super(message);
    }
}
