package io.jrunc.domain.container;

/** runc's stateTransitionError: the move from one state to the other is not allowed. */
public record IllegalTransition(ContainerStatus from, ContainerStatus to) {
    public String message() {
        return "invalid state transition from " + from.specName() + " to " + to.specName();
    }
}
