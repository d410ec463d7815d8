package io.jrunc.cli;

import io.jrunc.domain.lifecycle.QueryState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "state", description = "output the state of a container")
final class StateCommand extends ContainerCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<container-id>")
    String id;

    @Override
    public Integer call() {
        return use(QueryState.class).state(id).fold(this::fail, state -> {
            out().println(StateJson.one(state));
            return ExitCodes.OK;
        });
    }
}
