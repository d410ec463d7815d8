package io.jrunc.domain.lifecycle;

import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Signal;
import io.jrunc.ports.model.SyscallException;

/**
 * Kills a container's init and waits until it is gone. The init is our child only in the command that
 * spawned it; later commands (delete) find it reparented, so they watch it die instead of waiting on it.
 */
final class InitTermination {
    private static final long POLL_MILLIS = 5;
    private static final long GIVE_UP_MILLIS = 10_000;

    private InitTermination() {
    }

    static void killAndAwait(Processes processes, int pid) {
        try {
            processes.kill(pid, Signal.SIGKILL.number());
        } catch (SyscallException e) {
            return; // ESRCH: already gone
        }
        try {
            processes.waitFor(pid);
            return;
        } catch (SyscallException e) {
            if (e.errno() != Errno.ECHILD) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + GIVE_UP_MILLIS * 1_000_000;
        while (processes.isAlive(pid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
