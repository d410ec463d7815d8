package io.jrunc.cli;

import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The root command with runc's global flags, which go before the subcommand, in both the
 * {@code --opt=v} and {@code --opt v} forms.
 */
@Command(name = "jrunc",
        description = "Open Container Initiative runtime, in Java.",
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true)
final class RuntimeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--root", paramLabel = "<dir>", description = "root directory for storage of container state (default: ${DEFAULT-VALUE})")
    Path root = Path.of("/run/jrunc");

    @Option(names = "--log", paramLabel = "<file>", description = "set the log file to write jrunc logs to (default is stderr)")
    Path log;

    @Option(names = "--log-format", paramLabel = "text|json", description = "set the log format ('text' (default), or 'json')")
    LogFormat logFormat = LogFormat.text;

    @Option(names = "--debug", description = "enable debug logging")
    boolean debug;

    @Option(names = "--systemd-cgroup", description = "enable systemd cgroup support, expects cgroupsPath to be of form \"slice:prefix:name\"")
    boolean systemdCgroup;

    @Option(names = "--rootless", paramLabel = "true|false|auto", arity = "0..1", fallbackValue = "true",
            description = "ignore cgroup permission errors ('true', 'false', or 'auto') (default: ${DEFAULT-VALUE})")
    String rootless = "auto";

    @Option(names = "--criu", paramLabel = "<path>", hidden = true, description = "accepted for runc compatibility")
    String criu;

    @Option(names = "--backend", paramLabel = "ffm|jna|fake",
            description = "syscall backend (default: ffm on JDK ${sys:jrunc.ffmSince:-22}+, jna otherwise)")
    String backend;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show help")
    boolean help;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "print the version")
    boolean version;

    private Runtime runtime;
    private RuntimeLog runtimeLog;
    private java.io.InputStream stdin = System.in;

    enum LogFormat { text, json }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Backend chosenBackend() {
        return backend == null ? Backend.forJdk(java.lang.Runtime.version().feature()) : Backend.parse(backend);
    }

    /** The wired runtime, built on first use: `spec` and `--help` never pay for Guice. */
    Runtime runtime() {
        if (runtime == null) {
            runtime = Runtime.wire(chosenBackend(), this);
        }
        return runtime;
    }

    /** A runtime wired beforehand (tests: one fake kernel across several command lines) and the stdin to read. */
    RuntimeCommand preset(Runtime wired, java.io.InputStream in) {
        this.runtime = wired;
        this.stdin = in;
        return this;
    }

    /** What {@code update -r -} reads. */
    java.io.InputStream stdin() {
        return stdin;
    }

    RuntimeLog log() {
        if (runtimeLog == null) {
            runtimeLog = new RuntimeLog(log, logFormat == LogFormat.json, debug, spec.commandLine().getErr(),
                    Clock.systemUTC());
        }
        return runtimeLog;
    }
}
