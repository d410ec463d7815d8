package io.jrunc.ports.model;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Linux errno values the runtime meets, with the text Go's syscall package prints for them:
 * runc's error strings end in these, and callers match them.
 */
public enum Errno {
    EPERM(1, "operation not permitted"),
    ENOENT(2, "no such file or directory"),
    ESRCH(3, "no such process"),
    EINTR(4, "interrupted system call"),
    EIO(5, "input/output error"),
    ENXIO(6, "no such device or address"),
    E2BIG(7, "argument list too long"),
    ENOEXEC(8, "exec format error"),
    EBADF(9, "bad file descriptor"),
    ECHILD(10, "no child processes"),
    EAGAIN(11, "resource temporarily unavailable"),
    ENOMEM(12, "cannot allocate memory"),
    EACCES(13, "permission denied"),
    EFAULT(14, "bad address"),
    ENOTBLK(15, "block device required"),
    EBUSY(16, "device or resource busy"),
    EEXIST(17, "file exists"),
    EXDEV(18, "invalid cross-device link"),
    ENODEV(19, "no such device"),
    ENOTDIR(20, "not a directory"),
    EISDIR(21, "is a directory"),
    EINVAL(22, "invalid argument"),
    ENFILE(23, "too many open files in system"),
    EMFILE(24, "too many open files"),
    ENOTTY(25, "inappropriate ioctl for device"),
    ETXTBSY(26, "text file busy"),
    EFBIG(27, "file too large"),
    ENOSPC(28, "no space left on device"),
    ESPIPE(29, "illegal seek"),
    EROFS(30, "read-only file system"),
    EMLINK(31, "too many links"),
    EPIPE(32, "broken pipe"),
    ERANGE(34, "numerical result out of range"),
    EDEADLK(35, "resource deadlock avoided"),
    ENAMETOOLONG(36, "file name too long"),
    ENOSYS(38, "function not implemented"),
    ENOTEMPTY(39, "directory not empty"),
    ELOOP(40, "too many levels of symbolic links"),
    EOPNOTSUPP(95, "operation not supported"),
    ETIMEDOUT(110, "connection timed out"),
    ECONNREFUSED(111, "connection refused"),
    /** Any errno not listed above; {@link SyscallException#code()} keeps the number. */
    UNKNOWN(-1, "unknown error");

    private static final Map<Integer, Errno> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Errno::code, Function.identity()));

    private final int code;
    private final String description;

    Errno(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    public static Errno of(int code) {
        return BY_CODE.getOrDefault(code, UNKNOWN);
    }
}
