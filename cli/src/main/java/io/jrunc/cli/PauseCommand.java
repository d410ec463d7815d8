package io.jrunc.cli;

import io.jrunc.domain.lifecycle.PauseContainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "pause", description = "pause suspends all processes inside the container")
final class PauseCommand extends ContainerCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<container-id>")
    String id;

    @Override
    public Integer call() {
        return use(PauseContainer.class).pause(id).fold(this::fail, paused -> ExitCodes.OK);
    }
}
