package io.jrunc.domain.init;

import io.jrunc.domain.config.Hook;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.ProgramResult;
import io.jrunc.ports.model.ProgramRun;
import io.jrunc.ports.model.SyscallException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs a list of hooks in order from the calling thread, as runc's Hooks.Run: each gets the state on its stdin,
 * its args as its argv (its path alone when it has none), its env (else {@code defaultEnv}); the first one that
 * cannot start, exits non-zero, dies of a signal or runs past its timeout stops the list, with runc's words.
 */
public final class HookRunner {
    private final Processes processes;

    public HookRunner(Processes processes) {
        this.processes = processes;
    }

    /** The first failure, in runc's words ("error running hook #1: …"), or empty when every hook succeeded. */
    public Optional<String> run(List<Hook> hooks, byte[] state, Optional<String> cwd, List<String> defaultEnv) {
        for (int i = 0; i < hooks.size(); i++) {
            Optional<String> failure = runOne(hooks.get(i), state, cwd, defaultEnv);
            if (failure.isPresent()) {
                return Optional.of("error running hook #" + i + ": " + failure.get());
            }
        }
        return Optional.empty();
    }

    /** {@link #run}, a failure thrown as a refusal of "hook" whose message is runc's. */
    public void runOrThrow(List<Hook> hooks, byte[] state, Optional<String> cwd, List<String> defaultEnv) {
        run(hooks, state, cwd, defaultEnv).ifPresent(message -> {
            throw SyscallException.refusal("hook", Errno.EIO, message);
        });
    }

    private Optional<String> runOne(Hook hook, byte[] state, Optional<String> cwd, List<String> defaultEnv) {
        List<String> argv = hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
        List<String> env = hook.env().isEmpty() ? defaultEnv : hook.env();
        Optional<Duration> timeout = hook.timeout().isPresent()
                ? Optional.of(Duration.ofSeconds(hook.timeout().getAsInt())) : Optional.empty();
        ProgramResult result;
        try {
            result = processes.run(new ProgramRun(hook.path(), argv, env, cwd, state, timeout));
        } catch (SyscallException e) {
            // Go's exec: "fork/exec PATH: no such file or directory".
            return Optional.of("fork/exec " + hook.path() + ": " + e.errno().description());
        }
        if (result.timedOut()) {
            return Optional.of(String.format(Locale.ROOT, "hook ran past specified timeout of %.1fs",
                    (double) hook.timeout().getAsInt()));
        }
        if (result.succeeded()) {
            return Optional.empty();
        }
        return Optional.of("error running hook: " + ended(result.status()) + ", stdout: " + result.stdout()
                + ", stderr: " + result.stderr());
    }

    /** Go's os.ProcessState.String(): "exit status 3", "signal: killed". */
    static String ended(ExitStatus status) {
        return status.signaled() ? "signal: " + signalName(status.signal()) : "exit status " + status.code();
    }

    private static final String[] SIGNAL_NAMES = {null, "hangup", "interrupt", "quit", "illegal instruction",
        "trace/breakpoint trap", "aborted", "bus error", "floating point exception", "killed",
        "user defined signal 1", "segmentation fault", "user defined signal 2", "broken pipe", "alarm clock",
        "terminated"};

    private static String signalName(int signal) {
        return signal > 0 && signal < SIGNAL_NAMES.length ? SIGNAL_NAMES[signal] : "signal " + signal;
    }
}
