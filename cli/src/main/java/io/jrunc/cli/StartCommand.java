package io.jrunc.cli;

import io.jrunc.domain.lifecycle.StartContainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "start", description = "executes the user defined process in a created container")
final class StartCommand extends ContainerCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<container-id>")
    String id;

    @Override
    public Integer call() {
        return use(StartContainer.class).start(id).fold(this::fail, started -> ExitCodes.OK);
    }
}
