package io.jrunc.cli;

import io.jrunc.domain.lifecycle.ResumeContainer;
import java.util.concurrent.Callable;

final class ResumeCommand extends ContainerCommand implements Callable<Integer> {
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "resumes all processes that have been previously paused")
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        return use(ResumeContainer.class).resume(id).fold(this::fail, resumed -> ExitCodes.OK);
    }
}
