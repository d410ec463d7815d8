package io.jrunc.domain.init;

import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.ProcessSpec;
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
                        "set no new privileges", "switch user", "find program", "load seccomp", "await start",
                        "exec process"),
                names(InitPlanner.plan(TestConfigs.everything(), 3).steps()));
    }

    /**
     * runc's two places for the filter: with no_new_privs as late as can be (installed at exec), without it
     * before the user switch, while CAP_SYS_ADMIN is still held.
     */
    @Test
    void seccompStandsLateWithNoNewPrivilegesAndBeforeTheUserSwitchWithout() {
        ContainerConfig withNnp = TestConfigs.everything();
        List<String> late = names(InitPlanner.plan(withNnp, 3).steps());
        assertEquals(late.indexOf("find program") + 1, late.indexOf("load seccomp"));
        assertTrue(InitPlanner.plan(withNnp, 3).steps().stream()
                .anyMatch(s -> s instanceof InitStep.LoadSeccomp l && l.atExec()));

        ProcessSpec p = withNnp.process();
        ContainerConfig withoutNnp = new ContainerConfig(withNnp.rootfs(), withNnp.newNamespaces(),
                withNnp.joinedNamespaces(), withNnp.loopback(), withNnp.routes(), withNnp.rlimits(),
                withNnp.oomScoreAdj(), withNnp.hostname(), withNnp.domainname(), withNnp.appArmorProfile(),
                withNnp.processLabel(), withNnp.sysctl(), withNnp.readonlyPaths(), withNnp.maskedPaths(),
                new ProcessSpec(p.args(), p.env(), p.cwd(), p.uid(), p.gid(), p.additionalGids(), p.umask(), false,
                        p.terminal(), p.capabilities(), p.preservedFds()), withNnp.cgroup(), withNnp.seccomp());
        List<String> early = names(InitPlanner.plan(withoutNnp, 3).steps());
        assertEquals(early.indexOf("switch user") - 1, early.indexOf("load seccomp"));
        assertTrue(InitPlanner.plan(withoutNnp, 3).steps().stream()
                .anyMatch(s -> s instanceof InitStep.LoadSeccomp l && !l.atExec()));
    }

    /** A filter with an agent is installed at the same late place, but then and there: its fd must reach the agent. */
    @Test
    void aNotifyingFilterWithNoNewPrivilegesIsInstalledBeforeTheWaitNotAtExec() {
        ContainerConfig withNnp = TestConfigs.everything();
        var f = withNnp.seccomp().orElseThrow();
        var notify = new io.jrunc.ports.model.SeccompFilter(f.defaultAction(), f.architectures(), List.of(
                new io.jrunc.ports.model.SeccompFilter.Rule("mkdir",
                        new io.jrunc.ports.model.SeccompFilter.Action("SCMP_ACT_NOTIFY", 0), List.of())), f.flags());
        ContainerConfig c = new ContainerConfig(withNnp.rootfs(), withNnp.newNamespaces(), withNnp.joinedNamespaces(),
                withNnp.loopback(), withNnp.routes(), withNnp.rlimits(), withNnp.oomScoreAdj(), withNnp.hostname(),
                withNnp.domainname(), withNnp.appArmorProfile(), withNnp.processLabel(), withNnp.sysctl(),
                withNnp.readonlyPaths(), withNnp.maskedPaths(), withNnp.process(), withNnp.cgroup(),
                java.util.Optional.of(notify));
        List<String> late = names(InitPlanner.plan(c, 3).steps());
        assertEquals(late.indexOf("await start") - 1, late.indexOf("load seccomp"));
        assertTrue(InitPlanner.plan(c, 3).steps().stream()
                .anyMatch(s -> s instanceof InitStep.LoadSeccomp l && !l.atExec()));
    }

    @Test
    void theSeccompProgramIsCompiledIntoThePlanAsHex() {
        InitPlan plan = InitPlanner.plan(TestConfigs.everything(), 3).withSeccompPrograms(f -> new byte[] {0, 1, -1});
        assertTrue(plan.steps().stream().anyMatch(s -> s instanceof InitStep.LoadSeccomp l
                && l.program().equals("0001ff")), plan.steps().toString());
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
