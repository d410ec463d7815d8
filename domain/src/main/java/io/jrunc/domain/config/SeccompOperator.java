package io.jrunc.domain.config;

/** Seccomp argument comparison operators. */
public enum SeccompOperator implements SpecEnum {
    NE,
    LT,
    LE,
    EQ,
    GE,
    GT,
    MASKED_EQ;

    @Override
    public String spec() {
        return "SCMP_CMP_" + name();
    }
}
