package io.jrunc.domain.cgroups;

/** A cgroup setting that cannot be applied, with the spec field it came from. */
public final class CgroupError extends RuntimeException {
    private final String field;

    public CgroupError(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
    }

    public CgroupError(String field, String message) {
        this(field, message, null);
    }

    /** The config.json path of the setting, e.g. {@code linux.resources.cpu.quota}. */
    public String field() {
        return field;
    }
}
