package io.jrunc.domain.lifecycle;

import io.jrunc.ports.Namespaces;
import io.jrunc.ports.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * A thread of the runtime that lives in a container's namespaces: it joins and creates them once (the kernel
 * keeps namespaces per thread), then runs the work it is given, in order, until it is closed. It is never
 * reused: after unshare(CLONE_NEWPID) it cannot even start a thread, and after pivot_root its root is the
 * container's. Whatever it spawns is born in its namespaces.
 */
final class NamespaceThread implements AutoCloseable {
    private static final Runnable END = () -> { };

    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Thread thread;

    private NamespaceThread(String name) {
        thread = new Thread(this::serve, name);
        // It may be blocked in a system call when the command ends: it must not keep the JVM alive.
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A new thread that has joined {@code joined} (the user namespace first, which owns the others, the
     * mount namespace last, as it changes what the other paths name) and then created {@code created}.
     */
    static NamespaceThread enter(Namespaces namespaces, Set<Namespace> created, Map<Namespace, String> joined,
                                 String name) {
        NamespaceThread t = new NamespaceThread(name);
        List<Map.Entry<Namespace, String>> order = new ArrayList<>(joined.entrySet());
        order.sort(Map.Entry.comparingByKey(Namespace.JOIN_ORDER));
        try {
            t.call(() -> {
                for (Map.Entry<Namespace, String> e : order) {
                    namespaces.setns(e.getValue(), e.getKey());
                }
                // Even with nothing to create: CLONE_FS, which the port always adds, gives the thread a root and
                // cwd of its own, so its pivot_root and chdir move no other thread of the runtime.
                namespaces.unshare(created);
                return null;
            });
        } catch (RuntimeException | Error e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** Runs {@code task} on the thread and returns its result; what it throws is thrown here. */
    <T> T call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        work.add(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    // The thread may be half-way through a mount: wait for it, keep the interrupt.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the thread once its work is done; its namespaces go with it unless a process still holds them. */
    @Override
    public void close() {
        work.add(END);
    }

    private void serve() {
        while (true) {
            Runnable next;
            try {
                next = work.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == END) {
                return;
            }
            next.run();
        }
    }
}
