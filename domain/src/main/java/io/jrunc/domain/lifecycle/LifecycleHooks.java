package io.jrunc.domain.lifecycle;

import io.jrunc.domain.config.Hook;
import io.jrunc.domain.config.Hooks;
import io.jrunc.domain.init.HookContext;
import io.jrunc.domain.init.HookPoint;
import io.jrunc.domain.init.HookRunner;
import io.jrunc.domain.init.StateDocument;
import io.jrunc.ports.Processes;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The hooks that lifecycle commands run themselves, from the runtime's namespaces: poststart (start), poststop
 * (delete, and a create that failed, as runc's destroy runs them), and what create hands its init plan for the
 * others. Their list comes from the container's frozen config.json, read by the CLI.
 */
public final class LifecycleHooks {
    /** No hooks at all: for tests and wiring that never read a config. */
    public static final LifecycleHooks NONE = new LifecycleHooks(null, (id, status, pid, bundle, a) -> new byte[0],
            json -> Hooks.none(), List.of(), message -> { });

    private final Processes processes;
    private final StateDocument document;
    private final Function<byte[], Hooks> configHooks;
    private final List<String> runtimeEnv;
    private final Consumer<String> warnings;

    /**
     * @param configHooks the hooks of a config.json's bytes
     * @param runtimeEnv  the runtime's environment, a host hook's when its config names none (runc's Go default)
     * @param warnings    where a failure that fails nothing is said (runc logs it at level error)
     */
    public LifecycleHooks(Processes processes, StateDocument document, Function<byte[], Hooks> configHooks,
                          List<String> runtimeEnv, Consumer<String> warnings) {
        this.processes = processes;
        this.document = document;
        this.configHooks = configHooks;
        this.runtimeEnv = List.copyOf(runtimeEnv);
        this.warnings = warnings;
    }

    /** What a create's plan tells its hooks. */
    HookContext context(String id, String bundle, Map<String, String> annotations) {
        return new HookContext(document, id, bundle, annotations, runtimeEnv);
    }

    /**
     * The poststart hooks of a container whose program now runs: the first failure in runc's words. runc then
     * kills the container and fails the command; the caller does the same.
     */
    Optional<String> poststart(StateStore store, StoredState state) {
        List<Hook> hooks = hooksOf(store, state).poststart();
        if (hooks.isEmpty()) {
            return Optional.empty();
        }
        return new HookRunner(processes).run(hooks, document.json(state.id(), HookPoint.POSTSTART.status(),
                state.pid(), state.bundle(), state.annotations()), Optional.of(state.bundle()), runtimeEnv);
    }

    /** The config's hooks, read before the state that holds the config goes. */
    Hooks hooksOf(StateStore store, StoredState state) {
        if (processes == null) {
            return Hooks.none();
        }
        return store.readFile(state.id(), StateFiles.CONFIG).map(configHooks).orElseGet(Hooks::none);
    }

    /**
     * The poststop hooks, once the container is gone: a failure is a warning and the command still succeeds, as
     * runc's delete logs its destroy's error; the hooks after a failing one do not run (runc's Hooks.Run).
     */
    void poststop(Hooks hooks, String id, String bundle, Map<String, String> annotations) {
        if (hooks.poststop().isEmpty() || processes == null) {
            return;
        }
        new HookRunner(processes).run(hooks.poststop(), document.json(id, HookPoint.POSTSTOP.status(), 0, bundle,
                annotations), Optional.empty(), runtimeEnv).ifPresent(warnings);
    }
}
