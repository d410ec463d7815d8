package io.jrunc.domain.init;

import java.util.function.Supplier;

/**
 * How one create runs its plan's hooks: what they are told, the init's pid as the host and as the container see
 * it, and the runtime side, where prestart and createRuntime hooks run: a thread in the runtime's own namespaces,
 * never the init thread, whose children are born in the container's pid namespace.
 */
public record PlanHooks(HookContext context, int hostPid, int containerPid, RuntimeSide runtimeSide) {
    /** Runs a task on a thread in the runtime's namespaces and waits for it; what it throws is thrown here. */
    public interface RuntimeSide {
        <T> T call(Supplier<T> task);
    }

    /** For plans without hooks: a hook step meeting it is a bug. */
    public static final PlanHooks NONE = new PlanHooks(HookContext.NONE, 0, 0, new RuntimeSide() {
        @Override public <T> T call(Supplier<T> task) {
            throw new IllegalStateException("this plan was not given its hooks");
        }
    });
}
