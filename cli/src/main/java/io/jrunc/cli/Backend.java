package io.jrunc.cli;

import java.util.Locale;

/** The syscall backends, and which one a JDK gets unless the user forces one with --backend. */
enum Backend {
    FFM("io.jrunc.adapter.ffm.FfmModule"),
    JNA("io.jrunc.adapter.jna.JnaModule"),
    FAKE("io.jrunc.adapter.fake.FakeModule");

    /** The FFM API is final from JDK 22 on. */
    static final int FFM_SINCE = 22;

    private final String moduleClass;

    Backend(String moduleClass) {
        this.moduleClass = moduleClass;
    }

    /** Loaded by name, so the FFM adapter's classes (compiled for 22) are never touched on JDK 17. */
    String moduleClass() {
        return moduleClass;
    }

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Backend forJdk(int feature) {
        return feature >= FFM_SINCE ? FFM : JNA;
    }

    static Backend parse(String name) {
        for (Backend b : values()) {
            if (b.cliName().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("--backend: unknown backend \"" + name + "\" (ffm, jna or fake)");
    }
}
