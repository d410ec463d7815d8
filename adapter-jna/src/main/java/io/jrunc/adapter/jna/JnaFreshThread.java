package io.jrunc.adapter.jna;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs work on a new thread that is thrown away afterwards: namespaces and credentials a thread takes on
 * stay with it, and after unshare(CLONE_NEWPID) it cannot even start threads, so no pool may reuse it.
 */
final class JnaFreshThread {
    private JnaFreshThread() {
    }

    static <T> T call(String name, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        joinUninterruptibly(thread);
        Throwable t = failure.get();
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return result.get();
    }

    /** The work (a spawn, say) is under way and cannot be undone, so an interrupt waits until it is done. */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
