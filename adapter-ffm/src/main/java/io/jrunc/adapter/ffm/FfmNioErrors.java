package io.jrunc.adapter.ffm;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** java.nio reports the errno as an exception class or as strerror's text; this gets the number back. */
final class FfmNioErrors {
    private FfmNioErrors() {
    }

    static SyscallException toSyscallException(String operation, String path, IOException e) {
        return new SyscallException(operation, errno(e), path);
    }

    static Errno errno(IOException e) {
        return switch (e) {
            case NoSuchFileException _ -> Errno.ENOENT;
            case FileAlreadyExistsException _ -> Errno.EEXIST;
            case AccessDeniedException _ -> Errno.EACCES;
            case DirectoryNotEmptyException _ -> Errno.ENOTEMPTY;
            case NotDirectoryException _ -> Errno.ENOTDIR;
            case NotLinkException _ -> Errno.EINVAL;
            case FileSystemException fse when fse.getReason() != null -> byDescription(fse.getReason());
            default -> Errno.EIO;
        };
    }

    /** strerror's text and Go's differ only in case for the errnos we name ("Device or resource busy"). */
    private static Errno byDescription(String reason) {
        for (Errno errno : Errno.values()) {
            if (errno.description().equalsIgnoreCase(reason.trim())) {
                return errno;
            }
        }
        return Errno.EIO;
    }
}
