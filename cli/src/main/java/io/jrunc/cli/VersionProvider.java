package io.jrunc.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** runc's version lines, plus which backend this JDK gets. */
final class VersionProvider implements IVersionProvider {
    static final String VERSION = "0.1.0";
    /** The runtime-spec version whose config this build reads. */
    static final String SPEC = "1.2.1";

    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        Backend backend = ((RuntimeCommand) spec.root().userObject()).chosenBackend();
        return new String[] {
            "jrunc version " + VERSION,
            "spec: " + SPEC,
            "java: " + System.getProperty("java.version"),
            "backend: " + backend.cliName()
        };
    }
}
