package io.jrunc.cli;

import io.jrunc.domain.lifecycle.DeleteContainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "delete any resources held by the container often used with detached container")
final class DeleteCommand extends ContainerCommand implements Callable<Integer> {
    @Option(names = {"-f", "--force"}, description = "forcibly deletes the container if it is still running (uses SIGKILL)")
    boolean force;

    @Parameters(paramLabel = "<container-id>")
    String id;

    @Override
    public Integer call() {
        return use(DeleteContainer.class).delete(id, force).fold(this::fail, deleted -> ExitCodes.OK);
    }
}
