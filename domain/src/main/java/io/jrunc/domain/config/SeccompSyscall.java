package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/** A seccomp rule: these syscalls (when the args match) get this action. */
public record SeccompSyscall(List<String> names, SeccompAction action, OptionalLong errnoRet,
                             List<SeccompArg> args) {
    public SeccompSyscall {
        names = Copies.list(names);
        requireNonNull(action, "action");
        requireNonNull(errnoRet, "errnoRet");
        args = Copies.list(args);
    }
}
