package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.InitPlan;
import io.vavr.control.Either;

/**
 * Starts the first stage of `jrunc exec` in a running container's namespaces and drives it through the exec's
 * plan, as {@link InitLauncher} does for a container's init: spawn (it waits), the runtime's steps on its pid
 * (cgroup, rlimits), then {@link #proceed}, which ends once the process is the user's program.
 */
public interface ExecLauncher {
    /**
     * Starts the first stage in every namespace of the target's init; it waits before its first step. Returns its
     * pid, or the container found stopped when its init is gone (or is another process by now).
     *
     * @param preservedFds  fds from 3 up that the process gets, as runc's --preserve-fds
     * @param consoleSocket the console socket the first stage inherits (under the same number) for a terminal
     */
    Either<LifecycleError, Integer> spawn(ExecTarget target, int preservedFds, java.util.OptionalInt consoleSocket);

    /** Runs the plan's container phase; returns once the program runs, or with the error that stopped it. */
    Either<LifecycleError, Integer> proceed(int pid, InitPlan plan);

    /** Forgets a first stage that will not proceed (it was killed): its thread, socket and fds go at once. */
    default void discard(int pid) {
    }
}
