package io.jrunc.domain.config;

/** Seccomp actions of config-linux.md "Seccomp". */
public enum SeccompAction implements SpecEnum {
    KILL,
    KILL_PROCESS,
    KILL_THREAD,
    TRAP,
    ERRNO,
    TRACE,
    ALLOW,
    LOG,
    NOTIFY;

    @Override
    public String spec() {
        return "SCMP_ACT_" + name();
    }
}
