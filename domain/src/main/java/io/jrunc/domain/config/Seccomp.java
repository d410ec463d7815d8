package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The seccomp filter (config-linux.md "Seccomp"). */
public record Seccomp(SeccompAction defaultAction, OptionalLong defaultErrnoRet, List<SeccompArch> architectures,
                      List<SeccompFlag> flags, Optional<String> listenerPath, Optional<String> listenerMetadata,
                      List<SeccompSyscall> syscalls) {
    public Seccomp {
        requireNonNull(defaultAction, "defaultAction");
        requireNonNull(defaultErrnoRet, "defaultErrnoRet");
        architectures = Copies.list(architectures);
        flags = Copies.list(flags);
        requireNonNull(listenerPath, "listenerPath");
        requireNonNull(listenerMetadata, "listenerMetadata");
        syscalls = Copies.list(syscalls);
    }
}
