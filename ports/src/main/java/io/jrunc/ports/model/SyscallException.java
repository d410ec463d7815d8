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
        this(syscall, code, detail, message(syscall, code, detail));
    }

    private SyscallException(String syscall, int code, String detail, String message) {
        super(message);
        this.syscall = syscall;
        this.errno = Errno.of(code);
        this.code = code;
        this.detail = detail == null ? "" : detail;
    }

    /**
     * The runtime's own refusal of a call it will not make, with runc's words for it as the whole message
     * ({@code "/r/proc/1/attr/exec" cannot be mounted because it is inside /proc}); {@code errno} is what a
     * caller that matches on errnos sees.
     */
    public static SyscallException refusal(String syscall, Errno errno, String message) {
        return new SyscallException(syscall, errno.code(), "", message);
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
