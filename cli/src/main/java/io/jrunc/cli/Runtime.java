package io.jrunc.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import java.lang.reflect.InvocationTargetException;

/** The runtime wired for one backend: the backend's ports, the state store and the domain's use cases. */
final class Runtime {
    private final Backend backend;
    private final Injector injector;

    private Runtime(Backend backend, Injector injector) {
        this.backend = backend;
        this.injector = injector;
    }

    static Runtime wire(Backend backend, RuntimeCommand globals) {
        java.util.function.Consumer<String> warnings = message -> globals.log().warn(message);
        return wired(backend, globals.root(), globals.systemdCgroup, globals::rootless, warnings,
                message -> globals.log().error(message));
    }

    /** @param overrides bindings that replace the runtime's own (tests: a cgroup driver double) */
    static Runtime wire(Backend backend, java.nio.file.Path root, boolean systemdCgroup, Module... overrides) {
        return wired(backend, root, systemdCgroup, () -> false, message -> { }, message -> { }, overrides);
    }

    private static Runtime wired(Backend backend, java.nio.file.Path root, boolean systemdCgroup,
                                java.util.function.BooleanSupplier rootless,
                                java.util.function.Consumer<String> warnings, java.util.function.Consumer<String> errors,
                                Module... overrides) {
        // DEVELOPMENT stage builds singletons on first use: a command pays only for what it touches.
        Module[] modules = {backendModule(backend), new LifecycleModule(backend, root, errors),
            new CgroupDriverModule(systemdCgroup, rootless, warnings)};
        // Modules.override rewrites every binding; only tests need it, so a plain run does not pay for it.
        Module wired = overrides.length == 0 ? Modules.combine(modules) : Modules.override(modules).with(overrides);
        return new Runtime(backend, Guice.createInjector(Stage.DEVELOPMENT, wired));
    }

    Backend backend() {
        return backend;
    }

    <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    private static Module backendModule(Backend backend) {
        if (backend == Backend.FFM && java.lang.Runtime.version().feature() < Backend.FFM_SINCE) {
            throw new IllegalArgumentException("the ffm backend needs JDK " + Backend.FFM_SINCE
                    + " or newer (this is JDK " + java.lang.Runtime.version().feature() + "); use --backend jna");
        }
        try {
            return (AbstractModule) Class.forName(backend.moduleClass()).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("the " + backend.cliName() + " backend is not on the class path", e);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("cannot load the " + backend.cliName() + " backend", e);
        }
    }
}
