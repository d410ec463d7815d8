package io.jrunc.domain.lifecycle;

import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.function.Supplier;

/** What pause, resume, update, events and ps share: the container's cgroup and its status as the cgroup shows it. */
final class CgroupOperations {
    private final ContainerObserver observer;
    private final CgroupDriver driver;

    CgroupOperations(ContainerObserver observer, CgroupDriver driver) {
        this.observer = observer;
        this.driver = driver;
    }

    /** The cgroup the container's state recorded at create. */
    ContainerCgroup cgroupOf(StoredState state) {
        return driver.forExistingContainer(ContainerId.of(state.id()), state.cgroupDriver(), state.cgroupPaths());
    }

    /**
     * The observed status, with a frozen cgroup read as paused, as runc's refreshState does. The observer may
     * already say so; asking the freezer again is then harmless, and a stopped container's cgroup is not asked.
     */
    ContainerStatus status(StoredState state, ContainerCgroup cgroup) {
        ContainerStatus seen = observer.status(state);
        if (seen == ContainerStatus.STOPPED || seen == ContainerStatus.PAUSED || seen == ContainerStatus.CREATING) {
            return seen;
        }
        try {
            return cgroup.frozen() ? ContainerStatus.PAUSED : seen;
        } catch (CgroupError | SyscallException e) {
            // A freezer that cannot be read says nothing; the operation that needs it reports why.
            return seen;
        }
    }

    ContainerState describe(StoredState state, ContainerStatus status) {
        return observer.describe(state, status);
    }

    /** Runs a cgroup operation, its refusals turned into values. */
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
