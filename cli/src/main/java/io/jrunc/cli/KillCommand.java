package io.jrunc.cli;

import io.jrunc.domain.lifecycle.KillContainer;
import io.jrunc.ports.model.Signal;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "kill", description = "kill sends the specified signal (default: SIGTERM) to the container's init process")
final class KillCommand extends ContainerCommand implements Callable<Integer> {
    @Option(names = {"-a", "--all"}, description = "send the specified signal to all processes inside the container")
    boolean all;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Parameters(index = "1", paramLabel = "<signal>", arity = "0..1", description = "name or number, with or without SIG")
    String signal = "SIGTERM";

    @Override
    public Integer call() {
        Optional<Integer> number = Signal.parse(signal);
        if (number.isEmpty()) {
            return fail("unknown signal \"" + signal + "\"");
        }
        return use(KillContainer.class).kill(id, number.get(), all).fold(this::fail, killed -> ExitCodes.OK);
    }
}
