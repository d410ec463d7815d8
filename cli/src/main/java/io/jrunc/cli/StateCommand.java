package io.jrunc.cli;

import io.jrunc.domain.lifecycle.QueryState;
import java.util.concurrent.Callable;

final class StateCommand extends ContainerCommand implements Callable<Integer> {
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "print the state of a container as JSON")
                .description("""
                        The state the runtime spec defines (ociVersion, id, status, pid, bundle, annotations), with
                        runc's rootfs, created and owner fields added.""")
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        return use(QueryState.class).state(id).fold(this::fail, state -> {
            out().println(StateJson.one(state));
            return ExitCodes.OK;
        });
    }
}
