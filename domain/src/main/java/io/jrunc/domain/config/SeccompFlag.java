package io.jrunc.domain.config;

/** seccomp(2) filter flags; TSYNC is not in the spec's list but runc accepts it (it is always set). */
public enum SeccompFlag implements SpecEnum {
    TSYNC,
    LOG,
    SPEC_ALLOW,
    WAIT_KILLABLE_RECV;

    @Override
    public String spec() {
        return "SECCOMP_FILTER_FLAG_" + name();
    }
}
