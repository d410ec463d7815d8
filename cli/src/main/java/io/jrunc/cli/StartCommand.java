package io.jrunc.cli;

import io.jrunc.domain.lifecycle.StartContainer;
import java.util.concurrent.Callable;

final class StartCommand extends ContainerCommand implements Callable<Integer> {
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "start the program of a created container")
                .description("""
                        The container's init, waiting since "jrunc create", runs the program its config.json names.
                        A container starts once: a stopped one cannot start again.""")
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        return use(StartContainer.class).start(id).fold(this::fail, started -> ExitCodes.OK);
    }
}
