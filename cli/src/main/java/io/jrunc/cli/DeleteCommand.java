package io.jrunc.cli;

import io.jrunc.domain.lifecycle.DeleteContainer;
import java.util.concurrent.Callable;

final class DeleteCommand extends ContainerCommand implements Callable<Integer> {
    boolean force;
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "delete any resources held by the container often used with detached container")
                .option("-f", "--force")
                .description("forcibly deletes the container if it is still running (uses SIGKILL)")
                .flag(v -> force = v)
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        return use(DeleteContainer.class).delete(id, force).fold(this::fail, deleted -> ExitCodes.OK);
    }
}
