package io.jrunc.cli;

import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.init.InitPlanner;
import io.jrunc.domain.lifecycle.ContainerInit;
import io.jrunc.domain.lifecycle.StateFiles;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jrunc init}: the container's init, started by create in the container's namespaces (as runc
 * re-executes itself as {@code runc init}). Not for users; hidden from the usage.
 */
@Command(name = "init", hidden = true, description = "the container's init (internal)")
final class InitProcessCommand extends ContainerCommand implements Callable<Integer> {
    @Option(names = "--bundle", required = true)
    Path bundle;

    @Option(names = "--state-dir", required = true)
    Path stateDir;

    @Option(names = "--fifo-fd", required = true)
    int fifoFd;

    @Option(names = "--sync-fd", required = true)
    int syncFd;

    @Option(names = "--no-pivot")
    boolean noPivot;

    @Option(names = "--preserve-fds")
    int preserveFds;

    @Override
    public Integer call() throws Exception {
        // The copy create validated and saved: a later edit of the bundle's config.json changes nothing.
        byte[] json = Files.readAllBytes(stateDir.resolve(StateFiles.CONFIG));
        Either<List<String>, LoadedBundle> loaded = LoadedBundle.fromJson(json, bundle, noPivot, preserveFds);
        if (loaded.isLeft()) {
            return fail(String.join("; ", loaded.getLeft()));
        }
        InitPlan plan = InitPlanner.plan(loaded.get().config(), fifoFd);
        ClassDirectoryPreload.run();
        // Only returns when a step failed; on success the user process has replaced this JVM. The failure
        // went to the runtime over the sync socket, which reports it: the container's stderr stays clean.
        return use(ContainerInit.class).run(plan, syncFd).fold(failure -> {
            if (failure.afterReady()) {
                // Start has released us already; nobody listens on the sync socket: say it where runc does.
                spec.commandLine().getErr().println("exec failed: " + failure.message());
                spec.commandLine().getErr().flush();
            }
            return ExitCodes.ERROR;
        }, done -> ExitCodes.OK);
    }
}
