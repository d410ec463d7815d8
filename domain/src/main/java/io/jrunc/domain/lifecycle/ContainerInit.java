package io.jrunc.domain.lifecycle;

import io.jrunc.domain.init.InitFailure;
import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.init.InitStep;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FileDescriptors;
import io.vavr.control.Either;
import java.util.List;

/**
 * The container's side of create: what {@code jrunc init} does once it has its plan. It waits for the
 * runtime's "go", runs the container phase, says "ready" just before it blocks on the exec fifo, and
 * execs the user process when start opens the fifo. It returns only when a step failed.
 */
public final class ContainerInit {
    private final InitPlanExecutor executor;
    private final FileDescriptors fds;
    private final Credentials credentials;

    public ContainerInit(InitPlanExecutor executor, FileDescriptors fds, Credentials credentials) {
        this.executor = executor;
        this.fds = fds;
        this.credentials = credentials;
    }

    /** Why the init stopped, and whether the runtime had been told it was ready (then only stderr is left). */
    public record Failure(String message, boolean afterReady) {
    }

    public Either<Failure, List<InitStep>> run(InitPlan plan, int syncFd) {
        // Non-dumpable before anything of the container can see us: no process in it may open our
        // /proc/[pid]/exe (the host's java) or our fds (CVE-2019-5736). execve restores dumpability.
        credentials.setNotDumpable();
        InitHandshake.sendWaiting(fds, syncFd);
        if (!InitHandshake.awaitGo(fds, syncFd)) {
            return Either.left(new Failure("the runtime went away before the init could start", false));
        }
        boolean[] readySent = {false};
        Either<InitFailure, List<InitStep>> result = executor.containerPhase(plan, step -> {
            if (step instanceof InitStep.AwaitStart) {
                InitHandshake.sendReady(fds, syncFd);
                fds.close(syncFd);
                readySent[0] = true;
            }
        });
        if (result.isLeft()) {
            String message = result.getLeft().message();
            if (!readySent[0]) {
                InitHandshake.sendError(fds, syncFd, message);
            }
            return Either.left(new Failure(message, readySent[0]));
        }
        return Either.right(result.get());
    }
}
