package io.jrunc.cli.real;

import org.junit.jupiter.api.Assumptions;

/** Which native backends this test JVM can load: CI runs the real suites on JDK 17 too, where FFM is absent. */
final class Backends {
    private Backends() {
    }

    static void assumeLoads(String backend) {
        Assumptions.assumeTrue(!backend.equals("ffm") || java.lang.Runtime.version().feature() >= 22,
                "the FFM backend needs JDK 22+");
    }
}
