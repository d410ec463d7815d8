package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The fake kernel's single, ordered record of calls, and the failures tests ask it to inject. One list
 * for every port (and the state store), so order across ports is kept: that is what init-order tests are
 * about.
 */
final class Journal {
    /** A failure to inject: {@code once} ones are consumed by the first call they match. */
    private record Injected(Predicate<Call> match, Errno errno, boolean once) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Injected> injected = new ArrayList<>();

    /**
     * Records {@code call}, then runs its effect. An injected failure stops the call before its effect, as
     * a seccomp errno rule would; a failure of the effect itself (the simulated kernel's errno) also
     * marks the entry failed. The lock is not held while the effect runs: fifo and wait calls block.
     */
    <T> T run(Call call, Supplier<T> effect) {
        Errno refused = admit(call);
        if (refused != null) {
            throw new SyscallException(call.syscall(), refused, call.detail());
        }
        try {
            return effect.get();
        } catch (SyscallException e) {
            markFailed(call, e.errno());
            throw e;
        }
    }

    void run(Call call, Runnable effect) {
        run(call, () -> {
            effect.run();
            return null;
        });
    }

    private synchronized Errno admit(Call call) {
        for (Iterator<Injected> it = injected.iterator(); it.hasNext(); ) {
            Injected f = it.next();
            if (f.match().test(call)) {
                if (f.once()) {
                    it.remove();
                }
                calls.add(new Call.Failed(call, f.errno()));
                return f.errno();
            }
        }
        calls.add(call);
        return null;
    }

    /** Replaces the entry in place; by identity, since an equal call may have been recorded since. */
    private synchronized void markFailed(Call call, Errno errno) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i) == call) {
                calls.set(i, new Call.Failed(call, errno));
                return;
            }
        }
    }

    synchronized void failNext(Class<? extends Call> kind, Errno errno) {
        injected.add(new Injected(kind::isInstance, errno, true));
    }

    synchronized void failWhen(Predicate<Call> match, Errno errno) {
        injected.add(new Injected(match, errno, false));
    }

    synchronized void clearFailures() {
        injected.clear();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }
}
