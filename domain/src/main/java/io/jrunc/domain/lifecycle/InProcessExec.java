package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.InitFailure;
import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.domain.init.InitStep;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * `jrunc exec` against the fake kernel: the first stage is recorded as the real launcher spawns it (born in the
 * init's namespaces) and its plan runs on a thread of this process that stands in for it, as {@link
 * InProcessInit} does for a container's init.
 */
public final class InProcessExec implements ExecLauncher {
    private final Processes processes;
    private final InitPlanExecutor executor;

    public InProcessExec(Processes processes, InitPlanExecutor executor) {
        this.processes = processes;
        this.executor = executor;
    }

    @Override
    public Either<LifecycleError, Integer> spawn(ExecTarget target, int preservedFds,
                                                 java.util.OptionalInt consoleSocket) {
        OptionalLong started = processes.startTime(target.initPid());
        if (started.isEmpty() || started.getAsLong() != target.initStartTime()) {
            return Either.left(new LifecycleError.WrongStatus(ContainerStatus.STOPPED, ExecInContainer.STOPPED));
        }
        Map<Namespace, String> joined = new EnumMap<>(Namespace.class);
        for (Namespace type : Namespace.values()) {
            if (type != Namespace.USER) {
                joined.put(type, "/proc/" + target.initPid() + "/ns/" + type.procName());
            }
        }
        List<Integer> inherited = new ArrayList<>(List.of(0, 1, 2));
        for (int fd = 3; fd < 3 + preservedFds; fd++) {
            inherited.add(fd);
        }
        consoleSocket.ifPresent(inherited::add);
        try {
            return Either.right(processes.spawn(new SpawnRequest("jrunc-init", List.of("jrunc-init"), List.of(),
                    Set.of(), joined, inherited)));
        } catch (SyscallException e) {
            return Either.left(new LifecycleError.KernelRefused("exec", e));
        }
    }

    @Override
    public Either<LifecycleError, Integer> proceed(int pid, InitPlan plan) {
        CompletableFuture<Either<InitFailure, List<InitStep>>> outcome = new CompletableFuture<>();
        Thread stage = new Thread(() -> outcome.complete(
                executor.containerPhase(plan, executor.inProcess(pid), step -> { })), "exec-" + pid);
        stage.setDaemon(true);
        stage.start();
        try {
            Either<InitFailure, List<InitStep>> done = outcome.get();
            return done.isLeft() ? Either.left(new LifecycleError.InitFailed(done.getLeft())) : Either.right(pid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(new LifecycleError.BadConfig("interrupted while the exec ran"));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
