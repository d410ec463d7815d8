package io.jrunc.adapter.ffm;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs work on a fresh platform thread that ends with it. unshare/setns/pivot_root change the calling thread
 * for good (after unshare(CLONE_NEWPID) it can no longer even start threads), so such a thread is never
 * given back to a pool or to the caller.
 */
final class FfmDedicatedThread {
    private FfmDedicatedThread() {
    }

    static <T> T call(String name, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // The thread is doing a system call we cannot abandon halfway; wait for it, keep the interrupt.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return result.get();
    }
}
