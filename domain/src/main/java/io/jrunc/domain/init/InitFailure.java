package io.jrunc.domain.init;

import io.jrunc.ports.model.SyscallException;
import java.util.List;

/**
 * A step that failed: which step, which syscall and errno, and what had been done before it (so a caller
 * knows what to undo, and a user what got applied).
 */
public record InitFailure(InitStep step, SyscallException cause, List<InitStep> done) {
    public InitFailure {
        done = List.copyOf(done);
    }

    /** runc-style: the step's name, then the syscall's message. */
    public String message() {
        return StepNames.of(step) + ": " + cause.getMessage();
    }
}
