package io.jrunc.domain.runtime;

import io.jrunc.domain.config.SeccompAction;
import io.jrunc.domain.config.SeccompArch;
import io.jrunc.domain.config.SeccompFlag;
import io.jrunc.ports.Seccomp;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The host's answers, asked the way create uses it: the filter a config would become goes through the very
 * conversion and libseccomp compile a container's does, and the flags to the kernel's seccomp(2).
 */
public final class HostSeccomp implements SeccompHost {
    private final Seccomp seccomp;
    private final Optional<Set<String>> kernelActions;
    private final Optional<String> libseccompVersion;

    /**
     * @param kernelActions the words of /proc/sys/kernel/seccomp/actions_avail; empty where the kernel does not
     *                      say (before 4.14), which leaves the actions to libseccomp
     */
    public HostSeccomp(Seccomp seccomp, Optional<Set<String>> kernelActions, Optional<String> libseccompVersion) {
        this.seccomp = seccomp;
        this.kernelActions = kernelActions.map(Set::copyOf);
        this.libseccompVersion = libseccompVersion;
    }

    @Override
    public boolean available() {
        return compiles(filter(List.of(), List.of()));
    }

    @Override
    public Optional<String> libseccompVersion() {
        return libseccompVersion;
    }

    @Override
    public boolean knows(SeccompArch arch) {
        return compiles(filter(List.of(arch), List.of()));
    }

    @Override
    public boolean offers(SeccompAction action) {
        return kernelActions.map(words -> words.contains(kernelWord(action))).orElse(true);
    }

    @Override
    public boolean takes(SeccompFlag flag) {
        return seccomp.takesFlags(SeccompConversion.toFilter(config(List.of(), List.of(flag))).flagBits());
    }

    /** The action's name in actions_avail (kernel/seccomp.c); the spec's KILL is the kernel's kill_thread. */
    static String kernelWord(SeccompAction action) {
        return switch (action) {
            case KILL, KILL_THREAD -> "kill_thread";
            case KILL_PROCESS -> "kill_process";
            case TRAP -> "trap";
            case ERRNO -> "errno";
            case TRACE -> "trace";
            case ALLOW -> "allow";
            case LOG -> "log";
            case NOTIFY -> "user_notif";
        };
    }

    private boolean compiles(io.jrunc.ports.model.SeccompFilter filter) {
        try {
            seccomp.compile(filter);
            return true;
        } catch (RuntimeException | LinkageError e) { // LinkageError: no libseccomp to load
            return false;
        }
    }

    private static io.jrunc.ports.model.SeccompFilter filter(List<SeccompArch> archs, List<SeccompFlag> flags) {
        return SeccompConversion.toFilter(config(archs, flags));
    }

    private static io.jrunc.domain.config.Seccomp config(List<SeccompArch> archs, List<SeccompFlag> flags) {
        return new io.jrunc.domain.config.Seccomp(SeccompAction.ALLOW, OptionalLong.empty(), archs, flags,
                Optional.empty(), Optional.empty(), List.of());
    }
}
