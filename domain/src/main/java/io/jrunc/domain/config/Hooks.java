package io.jrunc.domain.config;

import java.util.List;

/** Hooks by lifecycle point. {@code prestart} is deprecated by the spec but still run by runc. */
public record Hooks(List<Hook> prestart, List<Hook> createRuntime, List<Hook> createContainer,
                    List<Hook> startContainer, List<Hook> poststart, List<Hook> poststop) {
    public Hooks {
        prestart = Copies.list(prestart);
        createRuntime = Copies.list(createRuntime);
        createContainer = Copies.list(createContainer);
        startContainer = Copies.list(startContainer);
        poststart = Copies.list(poststart);
        poststop = Copies.list(poststop);
    }

    public static Hooks none() {
        return new Hooks(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return prestart.isEmpty() && createRuntime.isEmpty() && createContainer.isEmpty()
                && startContainer.isEmpty() && poststart.isEmpty() && poststop.isEmpty();
    }
}
