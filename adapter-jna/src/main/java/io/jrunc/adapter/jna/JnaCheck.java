package io.jrunc.adapter.jna;

import com.sun.jna.LastErrorException;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

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

    /** NIO hides errno; this recovers the number from the exception type where it can. */
    static SyscallException io(String operation, String path, IOException e) {
        Errno errno;
        if (e instanceof NoSuchFileException) {
            errno = Errno.ENOENT;
        } else if (e instanceof FileAlreadyExistsException) {
            errno = Errno.EEXIST;
        } else if (e instanceof DirectoryNotEmptyException) {
            errno = Errno.ENOTEMPTY;
        } else if (e instanceof NotDirectoryException) {
            errno = Errno.ENOTDIR;
        } else if (e instanceof AccessDeniedException) {
            errno = Errno.EACCES;
        } else if (e instanceof FileSystemLoopException) {
            errno = Errno.ELOOP;
        } else {
            errno = Errno.EIO;
        }
        return new SyscallException(operation, errno, path);
    }
}
