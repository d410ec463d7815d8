package io.jrunc.domain.config;

/** Device node kinds of config-linux.md "Devices", as mknod(1) spells them. */
public enum DeviceType implements SpecEnum {
    CHAR("c"),
    UNBUFFERED_CHAR("u"),
    BLOCK("b"),
    FIFO("p");

    private final String spec;

    DeviceType(String spec) {
        this.spec = spec;
    }

    @Override
    public String spec() {
        return spec;
    }
}
