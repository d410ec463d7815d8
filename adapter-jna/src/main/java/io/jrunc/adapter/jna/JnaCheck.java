package io.jrunc.adapter.jna;

import com.sun.jna.LastErrorException;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;


/** The one place where errno, a returned error number or an IOException becomes a {@link SyscallException}. */
final class JnaCheck {
    private JnaCheck() {
    }

    interface JnaIntCall {
        int invoke() throws LastErrorException;
    }

    interface JnaLongCall {
        long invoke() throws LastErrorException;
    }

    /** Runs a call that sets errno, retrying on EINTR: a JVM takes signals any time. */
    static int call(String syscall, String detail, JnaIntCall call) {
        while (true) {
            try {
                return call.invoke();
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR.code()) {
                    throw new SyscallException(syscall, e.getErrorCode(), detail);
                }
            }
        }
    }

    static long callLong(String syscall, String detail, JnaLongCall call) {
        while (true) {
            try {
                return call.invoke();
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR.code()) {
                    throw new SyscallException(syscall, e.getErrorCode(), detail);
                }
            }
        }
    }

    /** For the posix_spawn family, which returns an error number rather than setting errno. */
    static void returnedErrno(String function, String detail, int result) {
        if (result != 0) {
            throw new SyscallException(function, result, detail);
        }
    }

    /** For libseccomp, which returns {@code -errno}. */
    static int returnedNegativeErrno(String function, String detail, int result) {
        if (result < 0) {
            throw new SyscallException(function, -result, detail);
        }
        return result;
    }
}
