package io.jrunc.domain.init;

import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.PlatformSpec;
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
        assertEquals(List.of("set initial cpu affinity", "move net devices", "configure network", "add routes",
                        "apply rlimits", "adjust oom score", "prepare rootfs", "switch root", "finalize rootfs", "set hostname",
                        "set domainname", "apply app armor profile", "set process label", "apply sysctl",
                        "remount readonly", "mask paths", "set no new privileges", "set memory policy",
                        "set scheduler", "set io priority", "switch user", "find program", "load seccomp",
                        "set personality", "set final cpu affinity", "await start", "exec process"),
                names(InitPlanner.plan(TestConfigs.everything(), 3).steps()));
    }

    /** A config that sets none of the process and platform fields of runtime-spec 1.2/1.3 gets none of their steps. */
    @Test
    void withoutThePlatformFieldsNoneOfTheirStepsIsPlanned() {
        ContainerConfig c = TestConfigs.everything();
        ContainerConfig plain = c.toBuilder().platform(PlatformSpec.NONE).build();
        List<String> names = names(InitPlanner.plan(plain, 3).steps());
        for (String step : List.of("set initial cpu affinity", "move net devices", "set memory policy", "set scheduler",
                "set io priority", "set personality", "set final cpu affinity")) {
            assertTrue(!names.contains(step), step + " in " + names);
        }
    }

    @Test
    void thePlatformStepsCarryTheKernelsNumbers() {
        List<InitStep> steps = InitPlanner.plan(TestConfigs.everything(), 3).steps();
        assertTrue(steps.contains(new InitStep.SetPersonality(0x0008)), steps.toString());
        assertTrue(steps.contains(new InitStep.SetIoPriority(2 << 13 | 4)), steps.toString());
        assertTrue(steps.contains(new InitStep.SetInitialCpuAffinity(java.util.Set.of(0))), steps.toString());
        assertTrue(steps.contains(new InitStep.SetFinalCpuAffinity(java.util.Set.of(1))), steps.toString());
        assertTrue(steps.contains(new InitStep.MoveNetDevices(java.util.Map.of("jr-dummy0", "eth1"))), steps.toString());
        // The moved link comes up with lo, from inside.
        assertTrue(steps.contains(new InitStep.ConfigureNetwork(List.of("lo", "eth1"))), steps.toString());
    }

    /** runc's setupConsole: after the switch of root (the container's own /dev/ptmx), before the hostname. */
    @Test
    void theConsoleIsSetUpRightAfterTheRootfsWhenTheProcessHasATerminalAndASocket() {
        List<InitStep> steps = InitPlanner.plan(TestConfigs.everything(), 3, java.util.Optional.empty(),
                java.util.OptionalInt.of(7)).steps();
        List<String> names = names(steps);
        assertEquals(names.indexOf("switch root") + 1, names.indexOf("setup console"));
        // runc's finalizeRootfs after the console: /dev/console may have to be made in a read-only image's /dev
        assertEquals(names.indexOf("setup console") + 1, names.indexOf("finalize rootfs"));
        assertEquals(new InitStep.SetupConsole(7, java.util.Optional.of(new io.jrunc.ports.model.WindowSize(24, 80)),
                1000), steps.get(names.indexOf("setup console")));
        assertTrue(!names(InitPlanner.plan(TestConfigs.everything(), 3).steps()).contains("setup console"),
                "no console without a socket to send it over");
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
        ContainerConfig withoutNnp = withNnp.toBuilder()
                .process(new ProcessSpec(p.args(), p.env(), p.cwd(), p.uid(), p.gid(), p.additionalGids(), p.umask(),
                        false, p.terminal(), p.capabilities(), p.preservedFds()))
                .platform(PlatformSpec.NONE)
                .build();
        List<String> early = names(InitPlanner.plan(withoutNnp, 3).steps());
        assertEquals(early.indexOf("switch user") - 1, early.indexOf("load seccomp"));
        assertTrue(InitPlanner.plan(withoutNnp, 3).steps().stream()
                .anyMatch(s -> s instanceof InitStep.LoadSeccomp l && !l.atExec()));
    }

    /**
     * runc's places: prestart, createRuntime and createContainer once the mounts are made and before the switch of
     * root (procHooks, then the init's own); startContainer after the wait, before the exec; poststart and poststop
     * are no step of the init.
     */
    @Test
    void hooksStandBetweenTheMountsAndTheSwitchOfRootAndBetweenTheWaitAndTheExec() {
        List<String> steps = names(InitPlanner.plan(TestConfigs.everythingWithHooks(), 3).steps());
        int prepared = steps.indexOf("prepare rootfs");
        assertEquals(List.of("prepare rootfs", "run prestart hooks", "run createRuntime hooks",
                "run createContainer hooks", "switch root"), steps.subList(prepared, prepared + 5));
        int waited = steps.indexOf("await start");
        assertEquals(List.of("await start", "run startContainer hooks", "exec process"),
                steps.subList(waited, waited + 3));
        assertTrue(steps.stream().noneMatch(s -> s.contains("poststart") || s.contains("poststop")), steps.toString());
    }

    /** A filter with an agent is installed at the same late place, but then and there: its fd must reach the agent. */
    @Test
    void aNotifyingFilterWithNoNewPrivilegesIsInstalledBeforeTheWaitNotAtExec() {
        ContainerConfig withNnp = TestConfigs.everything();
        var f = withNnp.seccomp().orElseThrow();
        var notify = new io.jrunc.ports.model.SeccompFilter(f.defaultAction(), f.architectures(), List.of(
                new io.jrunc.ports.model.SeccompFilter.Rule("mkdir",
                        new io.jrunc.ports.model.SeccompFilter.Action("SCMP_ACT_NOTIFY", 0), List.of())), f.flags());
        ContainerConfig c = withNnp.toBuilder().seccomp(java.util.Optional.of(notify)).platform(PlatformSpec.NONE)
                .build();
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
        assertEquals(List.of("prepare rootfs", "switch root", "switch user", "find program", "await start",
                        "exec process"),
                names(InitPlanner.plan(TestConfigs.minimal(), 3).steps()));
    }

    @Test
    void rlimitsAndTheOomScoreAreTheRuntimesPhaseTheRestTheInits() {
        InitPlan plan = InitPlanner.plan(TestConfigs.everything(), 3);
        assertEquals(List.of("move net devices", "apply rlimits", "adjust oom score"), names(plan.steps(Phase.RUNTIME)));
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
