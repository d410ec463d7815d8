package io.jrunc.cli;

import picocli.CommandLine.IVersionProvider;

/** runc's version lines, plus which backend this JDK gets. */
final class VersionProvider implements IVersionProvider {
    static final String VERSION = "0.1.0";
    /** The runtime-spec version whose config this build reads. */
    static final String SPEC = "1.2.1";

    private final RuntimeCommand root;

    VersionProvider(RuntimeCommand root) {
        this.root = root;
    }

    @Override
    public String[] getVersion() {
        Backend backend = root.chosenBackend();
        return new String[] {
            "jrunc version " + VERSION,
            "spec: " + SPEC,
            "java: " + System.getProperty("java.version"),
            "backend: " + backend.cliName()
        };
    }
}
