package io.jrunc.ports.model;

/**
 * The one way a port reports that the kernel said no. Adapters turn {@code -1}/errno into this once,
 * in one place; the domain turns it into a value where failure is an expected outcome.
 * The message reads like runc's: {@code mount src=proc, dst=/proc: operation not permitted}.
 */
public final class SyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String syscall;
    private final Errno errno;
    private final int code;
    private final String detail;

    public SyscallException(String syscall, Errno errno, String detail) {
        this(syscall, errno.code(), detail);
    }

    public SyscallException(String syscall, int code, String detail) {
        super(message(syscall, code, detail));
        this.syscall = syscall;
        this.errno = Errno.of(code);
        this.code = code;
        this.detail = detail == null ? "" : detail;
    }

    private static String message(String syscall, int code, String detail) {
        Errno errno = Errno.of(code);
        String text = errno == Errno.UNKNOWN ? "errno " + code : errno.description();
        return (detail == null || detail.isEmpty() ? syscall : syscall + " " + detail) + ": " + text;
    }

    public String syscall() {
        return syscall;
    }

    public Errno errno() {
        return errno;
    }

    /** The raw errno number, also for values {@link Errno} does not name. */
    public int code() {
        return code;
    }

    public String detail() {
        return detail;
    }
}
