package io.jrunc.cli;

import io.jrunc.domain.lifecycle.StartContainer;
import java.util.concurrent.Callable;

final class StartCommand extends ContainerCommand implements Callable<Integer> {
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "executes the user defined process in a created container")
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        return use(StartContainer.class).start(id).fold(this::fail, started -> ExitCodes.OK);
    }
}
