package io.jrunc.cli;

import io.jrunc.domain.lifecycle.PauseContainer;
import java.util.concurrent.Callable;

final class PauseCommand extends ContainerCommand implements Callable<Integer> {
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "freeze every process of a container")
                .description("""
                        Freezes the processes in the container's cgroup until "jrunc resume"; its status is then
                        paused. Only a running (or created) container can be paused.""")
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        return use(PauseContainer.class).pause(id).fold(this::fail, paused -> ExitCodes.OK);
    }
}
