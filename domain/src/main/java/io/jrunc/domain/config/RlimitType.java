package io.jrunc.domain.config;

/** Every rlimit resource Linux knows (getrlimit(2)); the spec allows exactly these on Linux. */
public enum RlimitType implements SpecEnum {
    CPU,
    FSIZE,
    DATA,
    STACK,
    CORE,
    RSS,
    NPROC,
    NOFILE,
    MEMLOCK,
    AS,
    LOCKS,
    SIGPENDING,
    MSGQUEUE,
    NICE,
    RTPRIO,
    RTTIME;

    @Override
    public String spec() {
        return "RLIMIT_" + name();
    }
}
