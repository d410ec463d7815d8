package io.jrunc.domain.config;

/** set_mempolicy(2) modes of config-linux.md "Memory policy". */
public enum MemoryPolicyMode implements SpecEnum {
    DEFAULT,
    BIND,
    INTERLEAVE,
    WEIGHTED_INTERLEAVE,
    PREFERRED,
    PREFERRED_MANY,
    LOCAL;

    @Override
    public String spec() {
        return "MPOL_" + name();
    }
}
