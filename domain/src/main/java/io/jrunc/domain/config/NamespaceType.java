package io.jrunc.domain.config;

/** Linux namespace kinds of config-linux.md "Namespaces". */
public enum NamespaceType implements SpecEnum {
    PID,
    NETWORK,
    MOUNT,
    IPC,
    UTS,
    USER,
    CGROUP,
    TIME;

    @Override
    public String spec() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
