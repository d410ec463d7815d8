package io.jrunc.adapter.jna;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

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
    int seccomp_export_bpf(Pointer context, int fd);
}
