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
    private RootlessHost host;
    private RuntimeLog runtimeLog;
    private java.io.InputStream stdin = System.in;

    enum LogFormat { text, json }

    /** --root, else runc's default: /run/jrunc, or $XDG_RUNTIME_DIR/jrunc when rootless (see {@link RootlessHost}). */
    Path root() {
        if (root == null) {
            root = defaultRoot();
        }
        return root;
    }

    /** As runc's, computed at start (its help shows it): see {@link RootlessHost#defaultRoot}. */
    private Path defaultRoot() {
        // Without $XDG_RUNTIME_DIR the answer is /run/jrunc whoever runs: no /proc read at start for it.
        boolean xdg = !System.getenv().getOrDefault("XDG_RUNTIME_DIR", "").isEmpty();
        return RootlessReentry.enteredRoot().orElseGet(() -> xdg ? host().defaultRoot(System.getenv())
                : Path.of("/run/jrunc"));
    }

    /** Whether cgroup permission errors are borne (--rootless, or what runc's "auto" guesses). */
    boolean rootless() {
        return host().rootless(rootless, systemdCgroup);
    }

    RootlessHost host() {
        if (host == null) {
            host = RootlessHost.current();
        }
        return host;
    }

    /** The root's model, bound to this object; the subcommands are added to it by {@link Subcommands}. */
    CommandSpec spec() {
        // The options in the order of runc's help.
        spec = CommandDeclaration.of(this, "Open Container Initiative runtime, in Java")
                .description("""
                        jrunc runs containers from OCI bundles: a directory holding a config.json and the root
                        filesystem it names. It takes runc's commands and flags and answers with runc's state JSON,
                        tables and error messages, so that a container engine can call it in runc's place.

                        Global options go before the command, as in: jrunc --root /run/jrunc list
                        A command's own options and arguments: jrunc COMMAND --help

                        The kernel is reached through a backend: the JDK's foreign function API (ffm, JDK 22 and
                        later), JNA (jna), or a kernel in memory that only records the calls made to it (fake),
                        which makes create and run a dry run.""")
                .option("--debug").description("log debug entries too, and the stack trace of an unexpected error")
                .flag(v -> debug = v)
                .option("--log").label("<file>").description("file to append log entries to (default: stderr)")
                .into(Path.class, null, v -> log = v)
                .option("--log-format").label("text|json").description("log entries as 'text' or as 'json' lines")
                .into(LogFormat.class, LogFormat.text, v -> logFormat = v)
                .option("--root").label("<dir>").description("directory that holds the state of the containers")
                .into(Path.class, defaultRoot(), v -> root = v)
                .option("--criu").label("<path>").hidden().description("accepted for runc compatibility")
                .into(String.class, null, v -> criu = v)
                .option("--systemd-cgroup")
                .description("have systemd manage the container's cgroup; cgroupsPath is then \"slice:prefix:name\"")
                .flag(v -> systemdCgroup = v)
                .option("--rootless").label("true|false|auto").optionalValue("true")
                .description("ignore cgroup permission errors ('true', 'false', or 'auto')")
                .into(String.class, "auto", v -> rootless = v)
                .option("--backend").label("ffm|jna|fake")
                .description("how the kernel is reached (default: ffm on JDK 22 and later, jna before)")
                .into(String.class, null, v -> backend = v)
                .option("-h", "--help").description("show help").usageHelp()
                .option("-v", "--version").description("print the version").versionHelp()
                .spec();
        spec.name("jrunc");
        spec.versionProvider(new VersionProvider(this));
        return spec;
    }

    /** Without a command, as runc: the help. */
    @Override
    public void run() {
        spec.commandLine().getOut().print(HelpPage.of(spec));
        spec.commandLine().getOut().flush();
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
                    Clock.systemDefaultZone());
        }
        return runtimeLog;
    }
}
