package io.jrunc.adapter.jna;

import com.sun.jna.Native;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;

/** Loads libseccomp on first use, so a host without it fails only when a filter is asked for. */
final class JnaSeccompLoader {
    private static final String FAILURE;
    private static final JnaSeccompLibrary LIBRARY;

    static {
        JnaSeccompLibrary library = null;
        String failure = "";
        try {
            library = Native.load("libseccomp.so.2", JnaSeccompLibrary.class);
        } catch (UnsatisfiedLinkError e) {
            try {
                library = Native.load("seccomp", JnaSeccompLibrary.class);
            } catch (UnsatisfiedLinkError again) {
                failure = again.getMessage();
            }
        }
        LIBRARY = library;
        FAILURE = failure;
    }

    private JnaSeccompLoader() {
    }

    static JnaSeccompLibrary library() {
        if (LIBRARY == null) {
            throw new SyscallException("seccomp", Errno.ENOSYS, "libseccomp.so.2 is not installed: " + FAILURE);
        }
        return LIBRARY;
    }
}
