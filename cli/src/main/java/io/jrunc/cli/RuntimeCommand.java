package io.jrunc.cli;

import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The root command with runc's global flags, which go before the subcommand, in both the
 * {@code --opt=v} and {@code --opt v} forms.
 */
final class RuntimeCommand implements Runnable {
    CommandSpec spec;
    Path root;
    Path log;
    LogFormat logFormat;
    boolean debug;
    boolean systemdCgroup;
    String rootless;
    String criu;
    String backend;

    private Runtime runtime;
    private RuntimeLog runtimeLog;
    private java.io.InputStream stdin = System.in;

    enum LogFormat { text, json }

    /** The root's model, bound to this object; the subcommands are added to it by {@link Subcommands}. */
    CommandSpec spec() {
        spec = CommandDeclaration.of(this, "Open Container Initiative runtime, in Java.")
                .option("--root").label("<dir>")
                .description("root directory for storage of container state (default: ${DEFAULT-VALUE})")
                .into(Path.class, Path.of("/run/jrunc"), v -> root = v)
                .option("--log").label("<file>").description("set the log file to write jrunc logs to (default is stderr)")
                .into(Path.class, null, v -> log = v)
                .option("--log-format").label("text|json").description("set the log format ('text' (default), or 'json')")
                .into(LogFormat.class, LogFormat.text, v -> logFormat = v)
                .option("--debug").description("enable debug logging").flag(v -> debug = v)
                .option("--systemd-cgroup")
                .description("enable systemd cgroup support, expects cgroupsPath to be of form \"slice:prefix:name\"")
                .flag(v -> systemdCgroup = v)
                .option("--rootless").label("true|false|auto").optionalValue("true")
                .description("ignore cgroup permission errors ('true', 'false', or 'auto') (default: ${DEFAULT-VALUE})")
                .into(String.class, "auto", v -> rootless = v)
                .option("--criu").label("<path>").hidden().description("accepted for runc compatibility")
                .into(String.class, null, v -> criu = v)
                .option("--backend").label("ffm|jna|fake")
                .description("syscall backend (default: ffm on JDK ${sys:jrunc.ffmSince:-22}+, jna otherwise)")
                .into(String.class, null, v -> backend = v)
                .option("-h", "--help").description("show help").usageHelp()
                .option("-v", "--version").description("print the version").versionHelp()
                .spec();
        spec.name("jrunc");
        spec.usageMessage().autoWidth(true);
        spec.versionProvider(new VersionProvider(this));
        return spec;
    }

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
