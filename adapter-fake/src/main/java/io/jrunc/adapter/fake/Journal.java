package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The fake kernel's single, ordered record of calls, and the failures tests ask it to inject. Order
 * across ports is kept, which is what init-order tests are about.
 */
final class Journal {
    private record Failure(Predicate<Call> match, Errno errno, boolean once) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();

    /** Records a call, or throws the failure a test queued for it (still recording the attempt). */
    synchronized void record(Call call) {
        for (int i = 0; i < failures.size(); i++) {
            Failure f = failures.get(i);
            if (f.match().test(call)) {
                if (f.once()) {
                    failures.remove(i);
                }
                calls.add(call.failing(f.errno()));
                throw new SyscallException(call.syscall(), f.errno(), call.subject());
            }
        }
        calls.add(call);
    }

    synchronized void failNext(String syscall, Errno errno) {
        failures.add(new Failure(c -> c.syscall().equals(syscall), errno, true));
    }

    synchronized void failWhen(Predicate<Call> match, Errno errno) {
        failures.add(new Failure(match, errno, false));
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }
}
