package io.jrunc.cli.real;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips in the real-kernel suite. Under -Proot (the root profile sets jrunc.rootTier) a test that cannot run
 * fails, unless the host truly lacks what it tests; outside it, the suite is skipped as before. Every skip says
 * why on stderr, so a CI log shows what this host left untested.
 */
final class RootTier {
    /** Set by the root profile: the real-kernel tests were asked for. */
    static final boolean ASKED_FOR = Boolean.getBoolean("jrunc.rootTier");

    private RootTier() {
    }

    /**
     * What the root tier provides itself (root, busybox-static, the built jrunc-init): missing, the test fails
     * under -Proot and is skipped without it.
     */
    static void requires(boolean present, String what) {
        if (present) {
            return;
        }
        if (ASKED_FOR) {
            Assertions.fail(what + " (the root profile's real-kernel tests need it: test.sh provides it)");
        }
        System.err.println("SKIPPED (not the root tier): " + what);
        Assumptions.abort(what);
    }

    static void requiresRoot() {
        requires("root".equals(System.getProperty("user.name")), "needs root");
    }

    static void requiresBusybox() {
        requires(java.nio.file.Files.isExecutable(BusyboxBundle.BUSYBOX),
                "needs busybox-static (apt-get install busybox-static)");
    }

    /** What only some hosts have (a cgroup layout, a JDK with FFM): skipped, saying so, under -Proot too. */
    static void hostHas(boolean present, String feature) {
        if (present) {
            return;
        }
        System.err.println("SKIPPED (this host lacks it): " + feature);
        Assumptions.abort("this host lacks " + feature);
    }
}
