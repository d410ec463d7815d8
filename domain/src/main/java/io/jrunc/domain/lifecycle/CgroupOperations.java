package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.function.Supplier;

/**
 * Runs what pause, resume, update, events and ps ask of a container's cgroup, its refusals turned into values.
 * The cgroup and the container's status come from {@link ContainerObserver}.
 */
final class CgroupOperations {
    private CgroupOperations() {
    }

    static <T> Either<LifecycleError, T> attempt(String action, Supplier<T> operation) {
        try {
            return Either.right(operation.get());
        } catch (CgroupError e) {
            return Either.left(new LifecycleError.CgroupRefused(e.getMessage()));
        } catch (SyscallException e) {
            return Either.left(new LifecycleError.KernelRefused(action, e));
        }
    }

    static Either<LifecycleError, Boolean> run(String action, Runnable operation) {
        return attempt(action, () -> {
            operation.run();
            return Boolean.TRUE;
        });
    }
}
