package io.jrunc.adapter.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SeccompFilter;
import io.jrunc.ports.model.SyscallException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A filter compiled into a libseccomp context; released on close, loaded or not. */
final class JnaSeccompContext implements AutoCloseable {
    /** struct scmp_arg_cmp: unsigned int arg; int op; uint64 datum_a; uint64 datum_b. */
    private static final int ARG_CMP_SIZE = 24;
    private static final int EEXIST = 17;
    private static final int MFD_CLOEXEC = 1;
    private static final int NR_SCMP_ERROR = -1;

    private final JnaSeccompLibrary library;
    private final Pointer context;
    private final int defaultAction;

    private JnaSeccompContext(JnaSeccompLibrary library, Pointer context, int defaultAction) {
        this.library = library;
        this.context = context;
        this.defaultAction = defaultAction;
    }

    static JnaSeccompContext compile(SeccompFilter filter) {
        JnaSeccompLibrary library = JnaSeccompLoader.library();
        int defaultAction = JnaSeccompCodes.action(filter.defaultAction());
        Pointer context = library.seccomp_init(defaultAction);
        if (context == null) {
            throw new SyscallException("seccomp_init", Errno.EINVAL, filter.defaultAction().name());
        }
        JnaSeccompContext compiled = new JnaSeccompContext(library, context, defaultAction);
        try {
            compiled.configure(filter);
            return compiled;
        } catch (RuntimeException e) {
            compiled.close();
            throw e;
        }
    }

    private void configure(SeccompFilter filter) {
        // no_new_privs is the config's decision, made apart from the filter; libseccomp would set it itself.
        JnaCheck.returnedNegativeErrno("seccomp_attr_set", "SCMP_FLTATR_CTL_NNP",
                library.seccomp_attr_set(context, JnaSeccompCodes.ATTR_CTL_NNP, 0));
        for (String flag : filter.flags()) {
            int attribute = JnaSeccompCodes.attribute(flag);
            if (attribute >= 0) {
                JnaCheck.returnedNegativeErrno("seccomp_attr_set", flag, library.seccomp_attr_set(context, attribute, 1));
            }
        }
        for (String arch : filter.architectures()) {
            addArchitecture(arch);
        }
        for (SeccompFilter.Rule rule : filter.rules()) {
            addRule(rule);
        }
    }

    private void addArchitecture(String name) {
        int arch = library.seccomp_arch_resolve_name(name);
        if (arch == 0) {
            throw new SyscallException("seccomp_arch_add", Errno.EINVAL, "unknown architecture " + name);
        }
        int rc = library.seccomp_arch_add(context, arch);
        if (rc != -EEXIST) { // the native architecture is in every new context
            JnaCheck.returnedNegativeErrno("seccomp_arch_add", name, rc);
        }
    }

    /**
     * As runc: a syscall this libseccomp does not know is skipped, a rule that only repeats the default
     * action is dropped (libseccomp refuses it), and conditions on one argument more than once become
     * one rule per condition, since libseccomp cannot AND them.
     */
    private void addRule(SeccompFilter.Rule rule) {
        int action = JnaSeccompCodes.action(rule.action());
        int syscall = library.seccomp_syscall_resolve_name(rule.syscall());
        // libseccomp says __NR_SCMP_ERROR (-1) for a name it does not know; another negative number is one of its
        // pseudo-syscalls, a call this architecture lacks but another of the filter's has (socketcall on x86),
        // which it maps per architecture: kept, as runc keeps it.
        if (syscall == NR_SCMP_ERROR || action == defaultAction) {
            return;
        }
        List<SeccompFilter.ArgCondition> conditions = rule.conditions();
        if (distinctArguments(conditions)) {
            addRule(rule.syscall(), action, syscall, conditions);
        } else {
            for (SeccompFilter.ArgCondition condition : conditions) {
                addRule(rule.syscall(), action, syscall, List.of(condition));
            }
        }
    }

    private void addRule(String name, int action, int syscall, List<SeccompFilter.ArgCondition> conditions) {
        Memory array = conditions.isEmpty() ? null : new Memory((long) ARG_CMP_SIZE * conditions.size());
        for (int i = 0; i < conditions.size(); i++) {
            SeccompFilter.ArgCondition c = conditions.get(i);
            long offset = (long) i * ARG_CMP_SIZE;
            array.setInt(offset, c.index());
            array.setInt(offset + 4, JnaSeccompCodes.operator(c.op()));
            array.setLong(offset + 8, c.value());
            array.setLong(offset + 16, c.valueTwo());
        }
        JnaCheck.returnedNegativeErrno("seccomp_rule_add", name,
                library.seccomp_rule_add_array(context, action, syscall, conditions.size(), array));
    }

    private static boolean distinctArguments(List<SeccompFilter.ArgCondition> conditions) {
        Set<Integer> seen = new HashSet<>();
        for (SeccompFilter.ArgCondition c : conditions) {
            if (!seen.add(c.index())) {
                return false;
            }
        }
        return true;
    }

    /** Installs the filter on the calling thread (no TSYNC): execve hands it on to the container. */
    /** The BPF program, written by libseccomp into a memfd and read back. */
    byte[] export() {
        int fd = (int) JnaCheck.callLong("memfd_create", "jrunc-seccomp",
                () -> JnaLibc.INSTANCE.memfd_create("jrunc-seccomp", MFD_CLOEXEC));
        try {
            JnaCheck.returnedNegativeErrno("seccomp_export_bpf", "", library.seccomp_export_bpf(context, fd));
            JnaCheck.callLong("lseek", String.valueOf(fd), () -> JnaLibc.INSTANCE.lseek(fd, 0, 0));
            return JnaFileIo.readAll(fd, "seccomp program");
        } finally {
            JnaFileIo.closeQuietly(fd);
        }
    }

    void load() {
        JnaCheck.returnedNegativeErrno("seccomp_load", "", library.seccomp_load(context));
    }

    @Override
    public void close() {
        library.seccomp_release(context);
    }
}
