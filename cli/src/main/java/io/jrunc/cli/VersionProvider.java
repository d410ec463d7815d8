package io.jrunc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.IVersionProvider;

/**
 * runc's version lines in runc's order, which scripts rely on (the second line is the commit, the third the
 * spec), then the toolchain and libseccomp as runc has them, and last which backend this JDK gets.
 */
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
        List<String> lines = new ArrayList<>(List.of(
                "jrunc version " + VERSION,
                "commit: " + BuildCommit.DESCRIBE,
                "spec: " + SPEC,
                "java: " + System.getProperty("java.version")));
        // No lambda here: the start-up cache holds none of this flag's, and one is spun up at run time.
        Optional<String> libseccomp = LibseccompVersion.installed();
        if (libseccomp.isPresent()) {
            lines.add("libseccomp: " + libseccomp.get());
        }
        lines.add("backend: " + root.chosenBackend().cliName());
        return lines.toArray(new String[0]);
    }
}
