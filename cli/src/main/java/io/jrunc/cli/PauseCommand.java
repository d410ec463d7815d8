package io.jrunc.cli;

import io.jrunc.domain.lifecycle.PauseContainer;
import java.util.concurrent.Callable;

final class PauseCommand extends ContainerCommand implements Callable<Integer> {
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "pause suspends all processes inside the container")
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        return use(PauseContainer.class).pause(id).fold(this::fail, paused -> ExitCodes.OK);
    }
}
