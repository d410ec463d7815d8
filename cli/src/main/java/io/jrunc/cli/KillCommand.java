package io.jrunc.cli;

import io.jrunc.domain.lifecycle.KillContainer;
import io.jrunc.ports.model.Signal;
import java.util.Optional;
import java.util.concurrent.Callable;

final class KillCommand extends ContainerCommand implements Callable<Integer> {
    boolean all;
    String id;
    String signal;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "send a signal to the init process of a container")
                .description("""
                        The signal is a name, with or without SIG (KILL, SIGKILL), or a number; SIGTERM when none is
                        given. A container that was created but not started ends on any signal that would end a process.""")
                .option("-a", "--all").description("signal every process in the container's cgroup, not only its init")
                .flag(v -> all = v)
                .parameter("<container-id>").into(String.class, null, v -> id = v)
                .parameter("<signal>").optional(String.class, "SIGTERM", v -> signal = v);
    }

    @Override
    public Integer call() {
        Optional<Integer> number = goInteger(signal).or(() -> Signal.parse(signal));
        if (number.isEmpty()) {
            return fail("unknown signal \"" + signal + "\"");
        }
        return use(KillContainer.class).kill(id, number.get(), all).fold(this::fail, killed -> ExitCodes.OK);
    }

    /**
     * A number is taken as it is, as runc's strconv.Atoi takes it, and left to the kernel to judge: 0 probes
     * whether the init lives, and a number no signal has fails with the kernel's "invalid argument".
     */
    static Optional<Integer> goInteger(String text) {
        if (!text.matches("[+-]?[0-9]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text.startsWith("+") ? text.substring(1) : text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
