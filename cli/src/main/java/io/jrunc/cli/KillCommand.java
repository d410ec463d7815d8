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
        return CommandDeclaration.of(this, "kill sends the specified signal (default: SIGTERM) to the container's init process")
                .option("-a", "--all").description("send the specified signal to all processes inside the container")
                .flag(v -> all = v)
                .parameter("<container-id>").into(String.class, null, v -> id = v)
                .parameter("<signal>").description("name or number, with or without SIG")
                .optional(String.class, "SIGTERM", v -> signal = v);
    }

    @Override
    public Integer call() {
        Optional<Integer> number = Signal.parse(signal);
        if (number.isEmpty()) {
            return fail("unknown signal \"" + signal + "\"");
        }
        return use(KillContainer.class).kill(id, number.get(), all).fold(this::fail, killed -> ExitCodes.OK);
    }
}
