package io.jrunc.domain.config;

/** Device kinds a device-cgroup rule can match: all, char or block (config-linux.md "Allowed Device list"). */
public enum DeviceCgroupType implements SpecEnum {
    ALL("a"),
    CHAR("c"),
    BLOCK("b");

    private final String spec;

    DeviceCgroupType(String spec) {
        this.spec = spec;
    }

    @Override
    public String spec() {
        return spec;
    }
}
