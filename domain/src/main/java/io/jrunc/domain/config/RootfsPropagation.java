package io.jrunc.domain.config;

/** Values runc accepts for linux.rootfsPropagation: the spec's four plus their recursive forms. */
public enum RootfsPropagation implements SpecEnum {
    SHARED,
    SLAVE,
    PRIVATE,
    UNBINDABLE,
    RSHARED,
    RSLAVE,
    RPRIVATE,
    RUNBINDABLE;

    @Override
    public String spec() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
