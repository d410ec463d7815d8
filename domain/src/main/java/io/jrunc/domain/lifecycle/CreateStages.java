package io.jrunc.domain.lifecycle;

/**
 * Told as a create passes each {@link CreateStage}. In production it is {@link #NONE}; the CLI puts a test hook
 * here only when asked to (see docs/security.md, "Faults"), so the runtime's crash-safety can be shown stage by
 * stage with a real SIGKILL.
 */
@FunctionalInterface
public interface CreateStages {
    CreateStages NONE = stage -> { };

    void reached(CreateStage stage);
}
