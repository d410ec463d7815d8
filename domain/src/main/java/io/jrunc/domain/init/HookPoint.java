package io.jrunc.domain.init;

/**
 * The six points of a container's life where the runtime-spec runs hooks (config.md "POSIX-platform Hooks"),
 * by their spec names. Who runs them and where differs; see docs/init-order.md.
 */
public enum HookPoint {
    /** Deprecated by the spec, still run by runc: by the runtime, in its namespaces, just before createRuntime. */
    PRESTART("prestart"),
    /** By the runtime, in its namespaces, once the container's namespaces and mounts exist, before the switch of root. */
    CREATE_RUNTIME("createRuntime"),
    /** In the container's namespaces, right after createRuntime, before the switch of root; a host path. */
    CREATE_CONTAINER("createContainer"),
    /** By the container's init, once start released it, before it execs the user's program; a container path. */
    START_CONTAINER("startContainer"),
    /** By start, once the user's program runs. */
    POSTSTART("poststart"),
    /** By delete, once the container is gone. */
    POSTSTOP("poststop");

    private final String specName;

    HookPoint(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    /** The status the state on a hook's stdin has at this point (runtime.md's lifecycle). */
    public String status() {
        switch (this) {
            case START_CONTAINER:
                return "created";
            case POSTSTART:
                return "running";
            case POSTSTOP:
                return "stopped";
            default:
                return "creating";
        }
    }
}
