package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.LifecycleError;
import io.vavr.control.Either;

/**
 * Starts a container's init and drives it through the handshake with the runtime:
 * spawn (the init waits), the runtime's own steps on its pid, then {@link #proceed} (the init runs its
 * container phase up to the exec fifo). Two implementations: a real init process of our own, and one
 * that runs the same plan in-process against the fake kernel for lifecycle tests and dry runs.
 */
public interface InitLauncher {
    /** Starts the init in the container's namespaces; it waits before its first step. Returns its pid. */
    Either<LifecycleError, Integer> spawn(InitRequest request);

    /**
     * Lets the init run its container phase; returns once it waits on the exec fifo (ready for start),
     * or with the error it failed with.
     */
    Either<LifecycleError, Integer> proceed(InitRequest request, int pid);

    /**
     * Forgets an init that will not proceed (create failed after spawn and killed it): whatever the launcher
     * holds for it (a thread, sockets, fds) is let go at once, not when the runtime exits.
     */
    default void discard(int pid) {
    }
}
