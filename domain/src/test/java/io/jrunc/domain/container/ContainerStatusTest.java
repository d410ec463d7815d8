package io.jrunc.domain.container;

import static io.jrunc.domain.container.ContainerStatus.CREATED;
import static io.jrunc.domain.container.ContainerStatus.PAUSED;
import static io.jrunc.domain.container.ContainerStatus.RUNNING;
import static io.jrunc.domain.container.ContainerStatus.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerStatusTest {
    /**
     * What runc 1.1.5 lets each verb do, written out from its source (libcontainer/container_linux.go's
     * Start, Pause, Resume, Signal and destroy; state_linux.go's destroy per state), not from the enum.
     */
    private static final Map<String, Set<ContainerStatus>> RUNC = Map.of(
            "start", EnumSet.of(CREATED),
            "kill", EnumSet.of(CREATED, RUNNING, PAUSED),
            "delete", EnumSet.of(CREATED, STOPPED),
            "pause", EnumSet.of(CREATED, RUNNING),
            "resume", EnumSet.of(PAUSED));

    private static final Map<String, Predicate<ContainerStatus>> JRUNC = Map.of(
            "start", ContainerStatus::canStart,
            "kill", ContainerStatus::canKill,
            "delete", ContainerStatus::canDelete,
            "pause", ContainerStatus::canPause,
            "resume", ContainerStatus::canResume);

    static Stream<Arguments> everyVerbAndStatus() {
        return RUNC.keySet().stream().flatMap(verb -> EnumSet.allOf(ContainerStatus.class).stream()
                .map(status -> Arguments.of(verb, status)));
    }

    @ParameterizedTest(name = "{0} of a {1} container")
    @MethodSource("everyVerbAndStatus")
    void aVerbIsAllowedExactlyWhenRuncAllowsIt(String verb, ContainerStatus status) {
        assertEquals(RUNC.get(verb).contains(status), JRUNC.get(verb).test(status), verb + " " + status);
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
}
