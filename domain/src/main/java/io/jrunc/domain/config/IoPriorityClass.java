package io.jrunc.domain.config;

/** I/O scheduling classes of ioprio_set(2). */
public enum IoPriorityClass implements SpecEnum {
    RT,
    BE,
    IDLE;

    @Override
    public String spec() {
        return "IOPRIO_CLASS_" + name();
    }
}
