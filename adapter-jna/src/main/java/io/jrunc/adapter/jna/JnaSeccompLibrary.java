package io.jrunc.adapter.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;

/** libseccomp 2.x: its functions return -errno, or NULL from seccomp_init. */
interface JnaSeccompLibrary extends Library {
    int seccomp_arch_resolve_name(String name);
    int seccomp_syscall_resolve_name(String name);
    Pointer seccomp_init(int defaultAction);
    void seccomp_release(Pointer context);
    int seccomp_arch_add(Pointer context, int arch);
    int seccomp_attr_set(Pointer context, int attribute, int value);
    int seccomp_rule_add_array(Pointer context, int action, int syscall, int count, Pointer conditions);
    int seccomp_load(Pointer context);

    /** Loaded on first use, so a host without libseccomp fails only when a filter is asked for. */
    static JnaSeccompLibrary get() {
        if (Holder.LIBRARY == null) {
            throw new SyscallException("seccomp", Errno.ENOSYS,
                    "libseccomp.so.2 is not installed: " + Holder.FAILURE);
        }
        return Holder.LIBRARY;
    }

    final class Holder {
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

        private Holder() {
        }
    }
}
