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
        assertTrue(plan.withExecFifoFd(12).steps().contains(new InitStep.AwaitStart(12)), "and on another fd");
        assertEquals(plan.steps().size(), plan.withExecFifoFd(12).steps().size());
    }

    @Test
    void aSessionKeyringOfItsOwnIsTheVeryFirstStepUnlessDeclined() {
        InitPlan plan = InitPlanner.plan(TestConfigs.minimal(), 3, java.util.Optional.of("_ses.web"));
        assertEquals(new InitStep.JoinSessionKeyring("_ses.web"), plan.steps().get(0));
        assertEquals(Phase.CONTAINER_INIT, plan.steps().get(0).phase());
        assertTrue(InitPlanner.plan(TestConfigs.minimal(), 3, java.util.Optional.empty()).steps().stream()
                .noneMatch(s -> s instanceof InitStep.JoinSessionKeyring));
    }
}
