package io.jrunc.domain.container;

import static io.jrunc.domain.container.ContainerStatus.CREATED;
import static io.jrunc.domain.container.ContainerStatus.CREATING;
import static io.jrunc.domain.container.ContainerStatus.PAUSED;
import static io.jrunc.domain.container.ContainerStatus.RUNNING;
import static io.jrunc.domain.container.ContainerStatus.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerStatusTest {
    /** The table as runc's state objects allow it, written out independently of the enum's own table. */
    private static final Map<ContainerStatus, Set<ContainerStatus>> RUNC = Map.of(
            CREATING, EnumSet.of(CREATING, CREATED, STOPPED),
            CREATED, EnumSet.of(CREATED, RUNNING, PAUSED, STOPPED),
            RUNNING, EnumSet.of(RUNNING, PAUSED, STOPPED),
            PAUSED, EnumSet.of(PAUSED, RUNNING, STOPPED),
            STOPPED, EnumSet.of(STOPPED));

    static Stream<Arguments> everyPair() {
        return EnumSet.allOf(ContainerStatus.class).stream()
                .flatMap(from -> EnumSet.allOf(ContainerStatus.class).stream().map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void aTransitionIsAllowedExactlyWhenRuncAllowsIt(ContainerStatus from, ContainerStatus to) {
        var result = from.to(to);
        if (RUNC.get(from).contains(to)) {
            assertEquals(to, result.get());
        } else {
            assertEquals(new IllegalTransition(from, to), result.getLeft());
        }
    }

    @Test
    void onlyACreatedContainerCanStart() {
        for (ContainerStatus s : ContainerStatus.values()) {
            assertEquals(s == CREATED, s.canStart(), s.name());
        }
    }

    @Test
    void killNeedsALiveInit() {
        assertEquals(EnumSet.of(CREATED, RUNNING, PAUSED),
                EnumSet.copyOf(Stream.of(ContainerStatus.values()).filter(ContainerStatus::canKill).toList()));
    }

    @Test
    void aDeadInitMeansStoppedWhateverElseIsSeen() {
        assertEquals(STOPPED, ContainerStatus.observe(new Observation(false, true, true)));
    }

    @Test
    void aFrozenCgroupMeansPausedEvenBeforeStart() {
        assertEquals(PAUSED, ContainerStatus.observe(new Observation(true, true, true)));
    }

    @Test
    void anInitStillWaitingOnItsFifoIsCreated() {
        assertEquals(CREATED, ContainerStatus.observe(new Observation(true, true, false)));
    }

    @Test
    void aLiveInitWithoutFifoIsRunning() {
        assertEquals(RUNNING, ContainerStatus.observe(new Observation(true, false, false)));
    }

    @Test
    void theIllegalTransitionSaysFromWhereToWhere() {
        assertEquals("invalid state transition from stopped to running", STOPPED.to(RUNNING).getLeft().message());
    }
}
