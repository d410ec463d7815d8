package io.jrunc.cli;

import io.jrunc.domain.lifecycle.ResumeContainer;
import java.util.concurrent.Callable;

final class ResumeCommand extends ContainerCommand implements Callable<Integer> {
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "thaw the processes of a paused container")
                .description("""
                        Undoes "jrunc pause": the container is running again, or created if it had not started.""")
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        return use(ResumeContainer.class).resume(id).fold(this::fail, resumed -> ExitCodes.OK);
    }
}
