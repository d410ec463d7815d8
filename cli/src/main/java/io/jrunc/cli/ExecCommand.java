package io.jrunc.cli;

import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.InitStep;
import io.jrunc.domain.lifecycle.ContainerState;
import io.jrunc.domain.lifecycle.ExecInContainer;
import io.jrunc.domain.lifecycle.ExecRequest;
import io.jrunc.domain.lifecycle.QueryState;
import io.jrunc.domain.lifecycle.StateFiles;
import io.jrunc.domain.terminal.TerminalRelay;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Processes;
import io.jrunc.ports.Terminals;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.ExitStatus;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** runc exec: another process in a running container; its exit status is this command's. */
final class ExecCommand extends ContainerCommand implements Callable<Integer> {
    /** runc exits 255 when exec itself fails, so that no status of the program is mistaken for it. */
    static final int FAILED = 255;
    private static final int SIGWINCH = 28;

    String id;
    final List<String> command = new ArrayList<>();
    Path consoleSocket;
    String cwd;
    final List<String> env = new ArrayList<>();
    boolean tty;
    String user;
    final List<String> additionalGids = new ArrayList<>();
    Path processFile;
    boolean detach;
    Path pidFile;
    String processLabel;
    String apparmor;
    boolean noNewPrivs;
    final List<String> caps = new ArrayList<>();
    int preserveFds;
    final List<String> cgroups = new ArrayList<>();
    boolean ignorePaused;

    @Override
    CommandDeclaration declaration() {
        // In the order of runc's help.
        return CommandDeclaration.of(this, "execute new process inside the container")
                .description("""
                        Runs <command> (or the process of --process) in the container: in every one of its namespaces,
                        its cgroup, with its capabilities, seccomp filter, rlimits and labels unless the flags say
                        otherwise. jrunc waits for it and exits with its status (128+N if signal N ended it), passing
                        HUP, INT, TERM, USR1, USR2 and WINCH on to it; with --detach it returns once it runs. With
                        --tty the process gets a pty of the container's: its master goes to --console-socket (with
                        --detach), or jrunc relays it to its own stdin and stdout. jrunc exits 255 when the exec
                        itself fails.""")
                .option("--console-socket").label("<path>")
                .description("path to an AF_UNIX socket which will receive a file descriptor referencing the master"
                        + " end of the console's pseudoterminal")
                .into(Path.class, null, v -> consoleSocket = v)
                .option("--cwd").label("<dir>").description("current working directory in the container")
                .into(String.class, null, v -> cwd = v)
                .option("--env", "-e").label("<KEY=value>").description("set environment variables").repeated(() -> env)
                .option("--tty", "-t").description("allocate a pseudo-TTY").flag(v -> tty = v)
                .option("--user", "-u").label("<uid>[:<gid>]").description("UID (format: <uid>[:<gid>])")
                .into(String.class, null, v -> user = v)
                .option("--additional-gids", "-g").label("<gid>").description("additional gids")
                .repeated(() -> additionalGids)
                .option("--process", "-p").label("<file>").description("path to the process.json")
                .into(Path.class, null, v -> processFile = v)
                .option("--detach", "-d").description("detach from the container's process").flag(v -> detach = v)
                .option("--pid-file").label("<file>").description("specify the file to write the process id to")
                .into(Path.class, null, v -> pidFile = v)
                .option("--process-label").label("<label>")
                .description("set the asm process label for the process commonly used with selinux")
                .into(String.class, null, v -> processLabel = v)
                .option("--apparmor").label("<profile>").description("set the apparmor profile for the process")
                .into(String.class, null, v -> apparmor = v)
                .option("--no-new-privs").description("set the no new privileges value for the process")
                .flag(v -> noNewPrivs = v)
                .option("--cap", "-c").label("<CAP_NAME>").description("add a capability to the bounding set for the"
                        + " process").repeated(() -> caps)
                .option("--preserve-fds").label("<n>").description("Pass N additional file descriptors to the"
                        + " container (stdio + $LISTEN_FDS + N in total)")
                .into(int.class, 0, v -> preserveFds = v)
                .option("--cgroup").label("[<controller>:]<cgroup>")
                .description("run the process in an (existing) sub-cgroup(s). Format is [<controller>:]<cgroup>.")
                .repeated(() -> cgroups)
                .option("--ignore-paused").description("allow exec in a paused container").flag(v -> ignorePaused = v)
                .parameter("<container-id>").into(String.class, null, v -> id = v)
                .parameter("<command>").rest(() -> command);
    }

    @Override
    public Integer call() {
        if (preserveFds < 0) {
            return failed("--preserve-fds must not be negative");
        }
        Either<String, Integer> passed = PassedFds.recorded(System.getProperty(PassedFds.PROPERTY))
                .toContainer(System.getenv(), ProcessHandle.current().pid(), preserveFds);
        if (passed.isLeft()) {
            return failed(passed.getLeft());
        }
        Either<LifecycleError, ContainerState> state = use(QueryState.class).state(id);
        if (state.isLeft()) {
            return failed(state.getLeft().message());
        }
        Optional<byte[]> frozen = use(StateStore.class).readFile(id, StateFiles.CONFIG);
        if (frozen.isEmpty()) {
            return failed("container does not exist");
        }
        var rootless = RootlessReentry.execIfNeeded(this, state.get().pid(), passed.get());
        if (rootless.isPresent()) {
            return rootless.get().error() == null ? rootless.get().code() : failed(rootless.get().error());
        }
        Either<String, byte[]> json;
        if (processFile != null) {
            try {
                json = ExecProcessJson.withProcessFile(frozen.get(), Files.readAllBytes(processFile));
            } catch (NoSuchFileException e) {
                return failed("open " + processFile + ": no such file or directory");
            } catch (IOException e) {
                return failed("open " + processFile + ": " + e.getMessage());
            }
        } else {
            if (command.isEmpty()) {
                return failed("process args cannot be empty");
            }
            json = ExecProcessJson.withOverrides(frozen.get(), new ExecProcessJson.Overrides(command,
                    Optional.ofNullable(cwd), env, Optional.ofNullable(user), additionalGids, caps, noNewPrivs,
                    Optional.ofNullable(apparmor), Optional.ofNullable(processLabel), tty));
        }
        if (json.isLeft()) {
            return failed(json.getLeft());
        }
        if (!detach && consoleSocket == null && runtime().backend() != Backend.FAKE) {
            json = json.flatMap(this::sizedAsTheCaller);
        }
        Either<List<String>, LoadedBundle> loaded = LoadedBundle.fromJson(json.get(), Path.of(state.get().bundle()),
                false, passed.get(), HostCapabilities.last());
        if (loaded.isLeft()) {
            loaded.getLeft().forEach(error -> root.log().error("exec failed: " + error));
            return FAILED;
        }
        LoadedBundle exec = loaded.get();
        exec.warnings().forEach(warning -> root.log().warn(warning));
        boolean terminal = exec.config().process().terminal();
        // runc's rules for a terminal and a console socket, in its words.
        if (detach && terminal && consoleSocket == null) {
            return failed("cannot allocate tty if runc will detach without setting console socket");
        }
        if ((!detach || !terminal) && consoleSocket != null) {
            return failed("cannot use console socket if runc will not detach or allocate tty");
        }
        Either<String, Map<String, String>> subCgroups = subCgroups(cgroups);
        if (subCgroups.isLeft()) {
            return failed(subCgroups.getLeft());
        }
        List<String> unsupported = exec.unsupported().stream().filter(path -> path.startsWith("process")).toList();
        if (!unsupported.isEmpty()) {
            return failed("not supported yet: " + String.join(", ", unsupported));
        }
        // As runc's setupIO: a terminal goes to the console socket (connected here, on the host), or, in the
        // foreground, over a pair of our own to the relay below.
        Either<String, ConsoleChannel> console = terminal
                ? ConsoleChannel.open(use(FileDescriptors.class), consoleSocket)
                : Either.right(null);
        if (console.isLeft()) {
            return failed(console.getLeft());
        }
        return run(exec, subCgroups.get(), console.get());
    }

    private int run(LoadedBundle exec, Map<String, String> subCgroups, ConsoleChannel console) {
        Processes processes = use(Processes.class);
        boolean foreground = !detach && runtime().backend() != Backend.FAKE;
        AtomicInteger running = new AtomicInteger();
        AtomicReference<TerminalRelay> relay = new AtomicReference<>();
        if (foreground) {
            // Before the process runs: a TERM or ^C meant for it may come at any moment, and must not end us. With
            // a terminal, WINCH resizes it instead (the kernel then tells the process), as runc's handler does.
            SignalForwarding.forward(sig -> {
                TerminalRelay terminal = relay.get();
                int pid = running.get();
                if (terminal != null && sig == SIGWINCH) {
                    terminal.resize();
                } else if (pid > 0) {
                    processes.kill(pid, sig);
                }
            });
        }
        Either<LifecycleError, Integer> ran;
        try {
            ran = use(ExecInContainer.class).exec(new ExecRequest(id, exec.config(), ignorePaused, subCgroups,
                    console == null ? OptionalInt.empty() : OptionalInt.of(console.toInit())));
        } finally {
            if (console != null) {
                // The process holds its own copy now, or is gone: ours would keep an engine's socket open past it.
                console.closeInitEnd();
            }
        }
        if (ran.isLeft()) {
            if (console != null) {
                console.close();
            }
            return failed(message(ran.getLeft()));
        }
        int pid = ran.get();
        running.set(pid);
        if (console != null && console.relayEnd().isPresent()) {
            if (!foreground) {
                console.close(); // the fake backend: nobody to relay to
            } else {
                // The master was sent before the program ran: it waits in our end of the pair.
                TerminalRelay terminal = RunCommand.relay(use(Terminals.class), use(FileDescriptors.class),
                        console.relayEnd().getAsInt());
                if (terminal == null) {
                    processes.kill(pid, 9);
                    processes.waitFor(pid);
                    return failed("the process sent no terminal");
                }
                relay.set(terminal);
            }
        }
        try {
            if (pidFile != null && runtime().backend() != Backend.FAKE) {
                try {
                    CreateCommand.writePidFile(pidFile, pid);
                } catch (IOException e) {
                    // runc leaves a detached process running when its pid file cannot be written; so does jrunc.
                    return failed("cannot write pid file: " + e.getMessage());
                }
            }
            if (!foreground) {
                return ExitCodes.OK;
            }
            TerminalRelay terminal = relay.get();
            if (terminal != null) {
                terminal.start();
            }
            // Our own child (posix_spawn'ed by the runtime's thread): its status is ours, as a shell's (128+N).
            ExitStatus exit = processes.waitFor(pid);
            if (terminal != null) {
                try {
                    // All the process wrote reaches our stdout before we answer.
                    terminal.awaitOutput();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return exit.shellStatus();
        } finally {
            TerminalRelay terminal = relay.getAndSet(null);
            if (terminal != null) {
                terminal.close();
            }
        }
    }

    /**
     * A foreground terminal as large as the caller's own (stdin's, when it is a terminal), from its start; the
     * relay keeps it so on SIGWINCH. A config without a terminal is left as it is.
     */
    private Either<String, byte[]> sizedAsTheCaller(byte[] json) {
        Terminals terminals = use(Terminals.class);
        if (!ExecProcessJson.hasTerminal(json) || terminals.attributes(0).isEmpty()) {
            return Either.right(json);
        }
        io.jrunc.ports.model.WindowSize size;
        try {
            size = terminals.windowSize(0);
        } catch (io.jrunc.ports.model.SyscallException e) {
            return Either.right(json);
        }
        if (size.rows() == 0 || size.columns() == 0) {
            return Either.right(json);
        }
        return ExecProcessJson.withConsoleSize(json, size.rows(), size.columns());
    }

    /**
     * runc 1.1's --cgroup values, [controller[,controller…]:]path, in its words when they are wrong; a path with ".."
     * in it is refused too (runc would join it lexically and so leave the container's cgroup).
     */
    static Either<String, Map<String, String>> subCgroups(List<String> values) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String value : values) {
            String[] parts = value.split(":", 3);
            if (parts.length > 2) {
                return Either.left("invalid --cgroup argument: " + value);
            }
            String path = parts[parts.length - 1];
            if (java.util.Arrays.asList(path.split("/")).contains("..")) {
                return Either.left("invalid --cgroup argument: " + value + " (a sub-cgroup cannot lie above the"
                        + " container's)");
            }
            if (parts.length == 1) {
                if (values.size() != 1) {
                    return Either.left("invalid --cgroup argument: " + value + " (missing <controller>: prefix)");
                }
                paths.put("", path);
                continue;
            }
            for (String controller : parts[0].split(",", -1)) {
                if (controller.isEmpty()) {
                    return Either.left("invalid --cgroup argument: " + value + " (empty <controller> prefix)");
                }
                if (paths.containsKey(controller)) {
                    return Either.left("invalid --cgroup argument(s): controller " + controller
                            + " specified multiple times");
                }
                paths.put(controller, path);
            }
        }
        return Either.right(paths);
    }

    /** runc's words for what stopped the process before its program ran. */
    private static String message(LifecycleError error) {
        if (error instanceof LifecycleError.InitFailed failed) {
            var failure = failed.failure();
            // runc 1.1: `unable to start container process: exec: "x": executable file not found in $PATH`, and
            // `unable to setup user: cannot set uid to unmapped user in user namespace` from its setupUser.
            String why = failure.step() instanceof InitStep.FindProgram ? failure.cause().getMessage()
                    : failure.step() instanceof InitStep.SwitchUser ? "unable to setup user: "
                    + failure.cause().getMessage() : failure.message();
            return "unable to start container process: " + why;
        }
        return error.message();
    }

    private int failed(String message) {
        root.log().error("exec failed: " + message);
        return FAILED;
    }
}
