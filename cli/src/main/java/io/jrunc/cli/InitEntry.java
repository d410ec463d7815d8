package io.jrunc.cli;

import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.init.InitPlanner;
import io.jrunc.domain.lifecycle.ContainerInit;
import io.jrunc.domain.lifecycle.StateFiles;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code jrunc --backend=B init --bundle=… --state-dir=… --fifo-fd=N --sync-fd=N [--no-pivot] [--preserve-fds=N]}:
 * the container's init, started by create in the container's namespaces, as runc re-executes itself as
 * {@code runc init}. Not a user command.
 *
 * <p>Its arguments are read here rather than by picocli: only create writes them (see
 * {@code InitCommand}), always in this one form, and picocli's start-up cost about 0.1 s of every
 * container's create on the init's side, where the runtime waits for it (docs/BENCHMARKS.md).
 */
final class InitEntry {
    private Path bundle;
    private Path stateDir;
    private int fifoFd = -1;
    private int syncFd = -1;
    private boolean noPivot;
    private int preserveFds;
    private Backend backend;

    private InitEntry() {
    }

    /** Whether these are the init's arguments: the backend, then "init", as InitJvm and InitCommand put them. */
    static boolean isInit(String[] args) {
        return args.length >= 2 && args[0].startsWith("--backend=") && "init".equals(args[1]);
    }

    static int run(String[] args, PrintWriter err) {
        RuntimeLog log = new RuntimeLog(null, false, false, err, Clock.systemUTC());
        InitEntry entry = new InitEntry();
        try {
            entry.parse(args);
        } catch (IllegalArgumentException e) {
            log.error("init: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return entry.start(log, err);
    }

    private void parse(String[] args) {
        backend = Backend.parse(args[0].substring("--backend=".length()));
        for (int i = 2; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            switch (name) {
                case "--bundle" -> bundle = Path.of(required(name, value));
                case "--state-dir" -> stateDir = Path.of(required(name, value));
                case "--fifo-fd" -> fifoFd = number(name, value);
                case "--sync-fd" -> syncFd = number(name, value);
                case "--preserve-fds" -> preserveFds = number(name, value);
                case "--no-pivot" -> {
                    if (value != null) {
                        throw new IllegalArgumentException("flag --no-pivot takes no value");
                    }
                    noPivot = true;
                }
                default -> throw new IllegalArgumentException("unknown flag " + arg);
            }
        }
        if (bundle == null || stateDir == null || fifoFd < 0 || syncFd < 0) {
            throw new IllegalArgumentException("--bundle, --state-dir, --fifo-fd and --sync-fd are required");
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("flag " + name + " needs a value");
        }
        return value;
    }

    private static int number(String name, String value) {
        try {
            int n = Integer.parseInt(required(name, value));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("flag " + name + ": not a file descriptor number: " + value);
        }
    }

    private int start(RuntimeLog log, PrintWriter err) {
        byte[] json;
        try {
            // The copy create validated and saved: a later edit of the bundle's config.json changes nothing.
            json = Files.readAllBytes(stateDir.resolve(StateFiles.CONFIG));
        } catch (IOException e) {
            log.error("init: cannot read the container's config: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        Either<List<String>, LoadedBundle> loaded = LoadedBundle.fromJson(json, bundle, noPivot, preserveFds);
        if (loaded.isLeft()) {
            log.error(String.join("; ", loaded.getLeft()));
            return ExitCodes.ERROR;
        }
        InitPlan plan = InitPlanner.plan(loaded.get().config(), fifoFd);
        ClassDirectoryPreload.run();
        Runtime runtime = Runtime.wireInit(backend);
        // Only returns when a step failed; on success the user process has replaced this JVM. The failure
        // went to the runtime over the sync socket, which reports it: the container's stderr stays clean.
        return runtime.get(ContainerInit.class).run(plan, syncFd).fold(failure -> {
            if (failure.afterReady()) {
                // Start has released us already; nobody listens on the sync socket: say it where runc does.
                err.println("exec failed: " + failure.message());
                err.flush();
            }
            return ExitCodes.ERROR;
        }, done -> ExitCodes.OK);
    }
}
