package io.jrunc.cli.real;

import java.util.List;

/** What a failed create must not leave behind, as the tests look for it. */
final class LeftBehind {
    private LeftBehind() {
    }

    /** Children of this JVM (the CLI runs in it) still running jrunc-init: a container's init left over. */
    static List<Long> inits() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("/jrunc-init")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }
}
