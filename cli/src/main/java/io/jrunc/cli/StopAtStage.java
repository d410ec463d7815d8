package io.jrunc.cli;

import io.jrunc.domain.lifecycle.CreateStage;
import io.jrunc.domain.lifecycle.CreateStages;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Signal;
import java.util.Arrays;

/**
 * A test hook, off unless {@value #VARIABLE} names a {@link CreateStage} (its label, e.g. {@code cgroup}): the
 * runtime stops itself with SIGSTOP when its create reaches that stage, so a test can SIGKILL it exactly there
 * and look at what a crash at that point leaves behind (CreateCrashTest). Unset, the create hears of its
 * stages through {@link CreateStages#NONE}: the production path pays one environment lookup, at wiring.
 */
final class StopAtStage implements CreateStages {
    static final String VARIABLE = "JRUNC_TEST_STOP_AT";
    private static final long PAUSE_MILLIS = 5_000;

    private final CreateStage at;
    private final Processes processes;

    private StopAtStage(CreateStage at, Processes processes) {
        this.at = at;
        this.processes = processes;
    }

    static CreateStages fromEnvironment(Processes processes) {
        String label = System.getenv(VARIABLE);
        if (label == null || label.isEmpty()) {
            return CreateStages.NONE;
        }
        CreateStage at = Arrays.stream(CreateStage.values()).filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(VARIABLE + ": no create stage is named " + label));
        return new StopAtStage(at, processes);
    }

    @Override
    public void reached(CreateStage stage) {
        if (stage == at) {
            // The whole process stops, whichever of its threads gets here (mid-plan it is the init's thread).
            processes.kill((int) ProcessHandle.current().pid(), Signal.SIGSTOP.number());
            // kill(2) signals the process, and the kernel may wake another of its threads to start the stop: this
            // one could run on past the stage meanwhile (CreateCrashTest saw a create saved as created). So it
            // sleeps until the stop takes it too, within microseconds; a test that continues the runtime instead
            // of killing it finds the create going on after the sleep.
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
