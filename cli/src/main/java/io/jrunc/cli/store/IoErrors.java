package io.jrunc.cli.store;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Turns the JDK's file exceptions back into the errno the kernel gave, once, for the whole store. */
final class IoErrors {
    private IoErrors() {}

    static SyscallException toSyscall(String syscall, Path path, IOException e) {
        SyscallException mapped = new SyscallException(syscall, errno(e), detail(path, e));
        mapped.initCause(e);
        return mapped;
    }

    static Errno errno(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EEXIST;
        }
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.ENOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return Errno.ENOTDIR;
        }
        return Errno.EIO;
    }

    private static String detail(Path path, IOException e) {
        // FileSystemException's message repeats the path; keep only the kernel's reason, if any.
        if (e instanceof FileSystemException) {
            String reason = ((FileSystemException) e).getReason();
            return reason == null ? path.toString() : path + " (" + reason + ")";
        }
        return e.getMessage() == null ? path.toString() : path + " (" + e.getMessage() + ")";
    }
}
