package io.jrunc.cli;

import io.jrunc.domain.lifecycle.ContainerState;
import io.jrunc.domain.lifecycle.DeleteContainer;
import io.jrunc.domain.lifecycle.StartContainer;
import io.jrunc.domain.terminal.TerminalRelay;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Processes;
import io.jrunc.ports.Terminals;
import java.util.OptionalInt;
import io.jrunc.ports.model.ExitStatus;
import io.vavr.control.Either;
import java.util.concurrent.Callable;

final class RunCommand extends ContainerCommand implements Callable<Integer> {
    final CreateOptions options = new CreateOptions();
    boolean detach;
    boolean keep;
    boolean noSubreaper;
    String id;

    private static final int SIGWINCH = 28;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "create a container and start it")
                .description("""
                        Creates the container as "jrunc create" does, then starts its program. In the foreground jrunc
                        passes HUP, INT, TERM, USR1, USR2 and WINCH on to the program, waits for it to end, deletes the
                        container (unless --keep) and exits with the program's status, 128+N if signal N ended it.
                        With process.terminal and no --detach, jrunc relays the container's terminal to its own
                        stdin and stdout, with the caller's terminal in raw mode meanwhile and its window size
                        passed on. With --detach it returns as soon as the program runs (a terminal then needs
                        --console-socket).""")
                .with(options::declare)
                .option("-d", "--detach").description("return once the program runs, without waiting for it")
                .flag(v -> detach = v)
                .option("--keep").description("keep the container once its program has ended").flag(v -> keep = v)
                // go-runc passes it with a single dash.
                .option("--no-subreaper", "-no-subreaper")
                .description("accepted for runc compatibility: jrunc never makes itself a subreaper")
                .flag(v -> noSubreaper = v)
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        Either<Integer, CreateCommand.Created> created = CreateCommand.createContainer(this, options, id, "run",
                detach);
        if (created.isLeft()) {
            printDryRun();
            return created.getLeft();
        }
        Processes processes = use(Processes.class);
        int pid = created.get().state().pid();
        TerminalRelay relay = null;
        if (created.get().consoleRelay().isPresent()) {
            relay = relay(use(Terminals.class), use(FileDescriptors.class), created.get().consoleRelay().getAsInt());
            if (relay == null) {
                use(DeleteContainer.class).delete(id, true);
                return fail("jrunc run failed: the container's init sent no terminal");
            }
        }
        try {
            return runStarted(processes, pid, relay);
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
    }

    /**
     * The pty's master from the container's process (an init, or an exec's), over our end of the console pair (closed
     * here either way); null when none came.
     */
    static TerminalRelay relay(Terminals terminals, FileDescriptors fds, int socket) {
        try {
            OptionalInt master = ConsoleChannel.receiveMaster(fds, socket);
            return master.isPresent() ? new TerminalRelay(terminals, fds, master.getAsInt(), 0, 1) : null;
        } finally {
            fds.close(socket);
        }
    }

    private int runStarted(Processes processes, int pid, TerminalRelay relay) {
        if (!detach && dryRun == null) {
            // Before start, as runc sets up its signal handler: once the process runs, a TERM or ^C meant
            // for it may come at any moment, and must not end this runtime instead. With a terminal, WINCH
            // resizes it instead (the kernel then tells the container), as runc's handler does.
            SignalForwarding.forward(sig -> {
                if (relay != null && sig == SIGWINCH) {
                    relay.resize();
                } else {
                    processes.kill(pid, sig);
                }
            });
        }
        if (relay != null && dryRun == null) {
            relay.start();
        }
        var started = use(StartContainer.class).start(id);
        if (dryRun != null && started.isRight()) {
            dryRun.awaitExec();
        }
        printDryRun();
        if (started.isLeft()) {
            use(DeleteContainer.class).delete(id, true);
            return fail("jrunc run failed: " + started.getLeft().message());
        }
        if (detach || dryRun != null) {
            return ExitCodes.OK;
        }
        // The init is our own child: wait for it, then answer with its status as a shell would (128+N).
        // Meanwhile what a foreground runc forwards goes on to the container: ^C, a TERM from systemd, …
        ExitStatus exit = processes.waitFor(pid);
        if (relay != null) {
            try {
                // All the container wrote reaches our stdout before we answer.
                relay.awaitOutput();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!keep) {
            use(DeleteContainer.class).delete(id, true);
        }
        return exit.shellStatus();
    }
}
