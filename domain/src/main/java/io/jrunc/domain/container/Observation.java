package io.jrunc.domain.container;

/**
 * What the runtime sees of a container at one moment.
 *
 * @param initAlive       its init exists, is no zombie, and started when the saved start time says
 * @param execFifoPresent the exec fifo is still there: start has not released the init yet
 * @param cgroupFrozen    its cgroup's freezer says frozen
 */
public record Observation(boolean initAlive, boolean execFifoPresent, boolean cgroupFrozen) {
}
