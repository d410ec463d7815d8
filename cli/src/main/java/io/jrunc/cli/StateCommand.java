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
                        runc's rootfs, created and owner fields added (owner is left empty, as runc's).""")
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        return use(QueryState.class).state(id).fold(this::fail, state -> {
            // As runc's state: the JSON and no newline after it.
            out().print(StateJson.one(state));
            out().flush();
            return ExitCodes.OK;
        });
    }
}
