package io.jrunc.domain.config;

/** set_mempolicy(2) mode flags of config-linux.md "Memory policy". */
public enum MemoryPolicyFlag implements SpecEnum {
    NUMA_BALANCING,
    RELATIVE_NODES,
    STATIC_NODES;

    @Override
    public String spec() {
        return "MPOL_F_" + name();
    }
}
