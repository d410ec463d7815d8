package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.StateStore;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.concurrent.atomic.AtomicReference;

/** runc start: releases a created container's init, which then execs the user process. */
public final class StartContainer {
    private final StateStore store;
    private final Filesystem fs;
    private final ContainerObserver observer;
    private final LifecycleHooks hooks;
    private final io.jrunc.ports.Processes processes;

    public StartContainer(StateStore store, Filesystem fs, ContainerObserver observer) {
        this(store, fs, observer, null, LifecycleHooks.NONE);
    }

    public StartContainer(StateStore store, Filesystem fs, ContainerObserver observer,
                          io.jrunc.ports.Processes processes, LifecycleHooks hooks) {
        this.processes = processes;
        this.hooks = hooks;
        this.store = store;
        this.fs = fs;
        this.observer = observer;
    }

    public Either<LifecycleError, ContainerState> start(String id) {
        return ContainerLookup.find(store, id).flatMap(found -> {
            try (StateStore.Lock lock = store.lock(found.id())) {
                return ContainerLookup.find(store, found.id()).flatMap(this::startLocked);
            }
        });
    }

    private Either<LifecycleError, ContainerState> startLocked(StoredState state) {
        ContainerStatus status = observer.status(state);
        if (!status.canStart()) {
            return Either.left(new LifecycleError.WrongStatus(status, refusal(status)));
        }
        String fifo = store.directory(state.id()) + "/" + StateFiles.EXEC_FIFO;
        try {
            // Reading the fifo lets the init's blocked write through: from here on it execs the process.
            if (!released(state, fifo)) {
                return Either.left(new LifecycleError.WrongStatus(ContainerStatus.STOPPED,
                        refusal(ContainerStatus.STOPPED)));
            }
            fs.remove(fifo);
        } catch (SyscallException e) {
            return Either.left(new LifecycleError.KernelRefused("start", e));
        }
        StoredState running = state.withStatusHint(ContainerStatus.RUNNING.specName());
        store.save(running);
        java.util.Optional<String> failed = hooks.poststart(store, running);
        if (failed.isPresent()) {
            // runc's: a failing poststart hook terminates the container and fails the command; the container is
            // then stopped, for delete to take away.
            InitTermination.killAndAwait(processes, running.pid());
            return Either.left(new LifecycleError.InitReported(failed.get()));
        }
        return Either.right(observer.describe(running));
    }

    /**
     * Reads the exec fifo while watching the init: a read blocks until a writer comes, and an init that
     * died after the status check never will. Then the runtime opens the fifo for writing itself, which
     * ends the read, and start reports the container as stopped instead of hanging.
     */
    private boolean released(StoredState state, String fifo) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                outcome.set(fs.readFifo(fifo));
            } catch (SyscallException e) {
                outcome.set(e);
            }
        }, "start-" + state.id());
        reader.setDaemon(true);
        reader.start();
        while (outcome.get() == null) {
            if (!observer.initAlive(state)) {
                // The init may also have written, exec'd and exited within one poll: then the reader is
                // done or about to be, and a writer of ours would wait for a reader forever. So the
                // writer gets a thread of its own, and whichever came first decides.
                Thread unblock = new Thread(() -> unblock(fifo), "unblock-" + state.id());
                unblock.setDaemon(true);
                unblock.start();
                join(reader);
                break;
            }
            join(reader, 10);
        }
        if (outcome.get() instanceof SyscallException) {
            throw (SyscallException) outcome.get();
        }
        return ((byte[]) outcome.get()).length > 0;
    }

    /** Best effort: the reader may have ended and the fifo gone with the container (run deletes it) meanwhile. */
    private void unblock(String fifo) {
        try {
            fs.writeFifo(fifo, new byte[0]);
        } catch (SyscallException e) {
            // Nobody waits for this writer: whichever side came first has already decided.
        }
    }

    private static void join(Thread t) {
        join(t, 0);
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** runc's words for each state start does not accept. */
    static String refusal(ContainerStatus status) {
        switch (status) {
            case STOPPED:
                return "cannot start a container that has stopped";
            case RUNNING:
                return "cannot start an already running container";
            default:
                return "cannot start a container in the " + status.specName() + " state";
        }
    }
}
