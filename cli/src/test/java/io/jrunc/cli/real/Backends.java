package io.jrunc.cli.real;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;

/** Which native backends this test JVM can load: CI runs the real suites on JDK 17 too, where FFM is absent. */
final class Backends {
    private Backends() {
    }

    static void assumeLoads(String backend) {
        RootTier.hostHas(!backend.equals("ffm") || java.lang.Runtime.version().feature() >= 22,
                "the FFM backend (JDK 22+; this test JVM is " + java.lang.Runtime.version().feature() + ")");
    }

    /** The backend's ports, wired by its own Guice module, as the runtime wires them. */
    static Injector ports(String backend) throws ReflectiveOperationException {
        String module = backend.equals("ffm") ? "io.jrunc.adapter.ffm.FfmModule" : "io.jrunc.adapter.jna.JnaModule";
        return Guice.createInjector((Module) Class.forName(module).getDeclaredConstructor().newInstance());
    }
}
