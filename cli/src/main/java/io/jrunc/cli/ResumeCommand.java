package io.jrunc.cli;

import io.jrunc.domain.lifecycle.ResumeContainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "resume", description = "resumes all processes that have been previously paused")
final class ResumeCommand extends ContainerCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<container-id>")
    String id;

    @Override
    public Integer call() {
        return use(ResumeContainer.class).resume(id).fold(this::fail, resumed -> ExitCodes.OK);
    }
}
