package io.jrunc.cli;

import io.jrunc.domain.lifecycle.ContainerState;
import io.jrunc.domain.lifecycle.DeleteContainer;
import io.jrunc.domain.lifecycle.StartContainer;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.ExitStatus;
import io.vavr.control.Either;
import java.util.concurrent.Callable;

final class RunCommand extends ContainerCommand implements Callable<Integer> {
    final CreateOptions options = new CreateOptions();
    boolean detach;
    boolean keep;
    boolean noSubreaper;
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "create a container and start it")
                .description("""
                        Creates the container as "jrunc create" does, then starts its program. In the foreground jrunc
                        passes HUP, INT, TERM, USR1, USR2 and WINCH on to the program, waits for it to end, deletes the
                        container (unless --keep) and exits with the program's status, 128+N if signal N ended it.
                        With --detach it returns as soon as the program runs.""")
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
        Either<Integer, ContainerState> created = CreateCommand.createContainer(this, options, id, "run");
        if (created.isLeft()) {
            printDryRun();
            return created.getLeft();
        }
        Processes processes = use(Processes.class);
        int pid = created.get().pid();
        if (!detach && dryRun == null) {
            // Before start, as runc sets up its signal handler: once the process runs, a TERM or ^C meant
            // for it may come at any moment, and must not end this runtime instead.
            SignalForwarding.forward(sig -> processes.kill(pid, sig));
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
        if (!keep) {
            use(DeleteContainer.class).delete(id, true);
        }
        return exit.shellStatus();
    }
}
