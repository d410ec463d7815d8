package io.jrunc.ports.model;

/**
 * How a {@link ProgramRun} ended.
 *
 * @param status   as waitpid(2) told it (SIGKILL when it ran past its timeout)
 * @param timedOut whether it was killed for running past its timeout
 * @param stdout   what it wrote on fd 1, at most {@link ProgramRuns#MAX_OUTPUT} bytes of it
 * @param stderr   what it wrote on fd 2, likewise
 */
public record ProgramResult(ExitStatus status, boolean timedOut, String stdout, String stderr) {
    public boolean succeeded() {
        return !timedOut && !status.signaled() && status.code() == 0;
    }
}
