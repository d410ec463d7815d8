package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.TestConfigs;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InitPlannerTest {
    private static List<String> names(List<InitStep> steps) {
        return steps.stream().map(StepNames::of).collect(Collectors.toList());
    }

    @Test
    void everyStepStandsInRuncsOrder() {
        assertEquals(List.of("configure network", "add routes", "apply rlimits", "adjust oom score",
                        "prepare rootfs", "set hostname", "set domainname", "apply app armor profile",
                        "set process label", "apply sysctl", "remount readonly", "mask paths",
                        "set no new privileges", "switch user", "find program", "await start", "exec process"),
                names(InitPlanner.plan(TestConfigs.everything(), 3).steps()));
    }

    @Test
    void theMinimalContainerOnlyBuildsItsRootAndRunsItsProcess() {
        assertEquals(List.of("prepare rootfs", "switch user", "find program", "await start", "exec process"),
                names(InitPlanner.plan(TestConfigs.minimal(), 3).steps()));
    }

    @Test
    void rlimitsAndTheOomScoreAreTheRuntimesPhaseTheRestTheInits() {
        InitPlan plan = InitPlanner.plan(TestConfigs.everything(), 3);
        assertEquals(List.of("apply rlimits", "adjust oom score"), names(plan.steps(Phase.RUNTIME)));
        assertTrue(plan.steps(Phase.CONTAINER_INIT).stream().noneMatch(s -> s.phase() == Phase.RUNTIME));
        assertEquals(plan.steps().size(),
                plan.steps(Phase.RUNTIME).size() + plan.steps(Phase.CONTAINER_INIT).size());
    }

    @Test
    void theInitWaitsOnTheFifoItWasHanded() {
        InitPlan plan = InitPlanner.plan(TestConfigs.minimal(), 7);
        assertTrue(plan.steps().contains(new InitStep.AwaitStart(7)));
    }
}
