package io.jrunc.cli;

import io.jrunc.domain.lifecycle.DeleteContainer;
import java.util.concurrent.Callable;

final class DeleteCommand extends ContainerCommand implements Callable<Integer> {
    boolean force;
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "delete a container and what it holds")
                .description("""
                        Removes a container that is no longer running: its cgroup, its state and whatever else it
                        held. A running container is deleted only with --force.""")
                .option("-f", "--force")
                .description("kill a container that still runs (SIGKILL) and delete it; a missing one is no error")
                .flag(v -> force = v)
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        return use(DeleteContainer.class).delete(id, force).fold(this::fail, deleted -> ExitCodes.OK);
    }
}
