package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.Call;
import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.init.InitStep;
import io.jrunc.domain.runtime.CapabilitySets;
import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.ProcessSpec;
import io.jrunc.ports.model.Namespace;
import java.util.List;
import java.util.OptionalInt;
import io.jrunc.domain.init.InitPlanExecutor;
import io.jrunc.ports.model.WindowSize;
import org.junit.jupiter.api.Test;

/** exec's lifecycle rules over the fake kernel: which containers take one, what it joins, what a failure leaves. */
class ExecInContainerTest {
    private final InMemoryCgroups cgroups = new InMemoryCgroups();
    private final FakeRuntime rt = new FakeRuntime(cgroups);
    private final ExecInContainer exec = new ExecInContainer(rt.store, rt.observer,
            new InProcessExec(rt.kernel, rt.executor), rt.executor, rt.kernel);
    private final PauseContainer pause = new PauseContainer(rt.store, rt.observer);

    private int running(String id) {
        int pid = rt.create(id, TestConfigs.webServer()).get().pid();
        rt.start.start(id);
        return pid;
    }

    /** The container's config with another process, as the CLI makes it from exec's flags. */
    private static ContainerConfig execOf(List<String> args) {
        ContainerConfig c = TestConfigs.webServer();
        ProcessSpec p = new ProcessSpec(args, List.of("PATH=/bin"), "/", 0, 0, List.of(), OptionalInt.empty(),
                false, false, CapabilitySets.none(), 0);
        return c.toBuilder().process(p).build();
    }

    @Test
    void theProcessIsBornInTheInitsNamespacesJoinsItsCgroupAndExecsAtOnce() {
        int init = running("web");
        int before = rt.kernel.journal().size();

        int pid = exec.exec(new ExecRequest("web", execOf(List.of("sh", "-c", "id")), false)).get();

        List<Call> calls = rt.kernel.journal().subList(before, rt.kernel.journal().size());
        Call.Spawn spawn = (Call.Spawn) calls.stream().filter(Call.Spawn.class::isInstance).findFirst().orElseThrow();
        for (Namespace type : List.of(Namespace.MOUNT, Namespace.PID, Namespace.NET, Namespace.IPC, Namespace.UTS,
                Namespace.CGROUP)) {
            assertEquals("/proc/" + init + "/ns/" + type.procName(), spawn.request().joinNamespaces().get(type));
        }
        assertFalse(spawn.request().joinNamespaces().containsKey(Namespace.USER));
        assertTrue(spawn.request().newNamespaces().isEmpty(), "exec makes no namespace of its own");
        assertEquals(List.of(init, pid), cgroups.cgroup("web").processes);
        // rlimits on the new pid, then the program at once: no exec fifo is waited on.
        assertTrue(calls.contains(new Call.Prlimit(pid, io.jrunc.ports.model.RlimitResource.RLIMIT_NOFILE, 1024, 4096)),
                calls.toString());
        assertTrue(calls.stream().noneMatch(Call.WriteFifo.class::isInstance), calls.toString());
        assertEquals("/bin/sh", rt.kernel.journalOf(Call.Exec.class).get(rt.kernel.journalOf(Call.Exec.class).size() - 1).path());
    }

    @Test
    void theExecPlanHasNoWaitForStart() {
        var plan = ExecInContainer.plan(new ExecRequest("web", execOf(List.of("sh")), false));
        assertTrue(plan.steps().stream().noneMatch(InitStep.AwaitStart.class::isInstance));
        assertTrue(plan.steps().get(plan.steps().size() - 1) instanceof InitStep.ExecProcess);
        assertTrue(plan.steps().stream().noneMatch(InitStep.PrepareRootfs.class::isInstance),
                "the container is set up already");
    }

    @Test
    void aCreatedContainerTakesAnExecAsRuncs() {
        rt.create("web", TestConfigs.webServer());
        assertTrue(exec.exec(new ExecRequest("web", execOf(List.of("sh")), false)).isRight());
    }

    @Test
    void aPausedContainerIsRefusedUnlessIgnorePaused() {
        running("web");
        pause.pause("web");
        LifecycleError error = exec.exec(new ExecRequest("web", execOf(List.of("sh")), false)).getLeft();
        assertEquals("cannot exec in a paused container (use --ignore-paused to override)", error.message());
        assertEquals(ContainerStatus.PAUSED, ((LifecycleError.WrongStatus) error).status());
        assertTrue(exec.exec(new ExecRequest("web", execOf(List.of("sh")), true)).isRight());
    }

    @Test
    void aStoppedContainerIsRefusedInRuncsWords() {
        int init = running("web");
        rt.kernel.kill(init, 9);
        int spawns = rt.kernel.journalOf(Call.Spawn.class).size();
        assertEquals("cannot exec in a stopped container",
                exec.exec(new ExecRequest("web", execOf(List.of("sh")), false)).getLeft().message());
        assertEquals(spawns, rt.kernel.journalOf(Call.Spawn.class).size(), "nothing was started");
    }

    @Test
    void anUnknownContainerDoesNotExist() {
        assertEquals("container does not exist",
                exec.exec(new ExecRequest("nope", execOf(List.of("sh")), false)).getLeft().message());
    }

    @Test
    void aMissingProgramFailsAndTheFirstStageIsKilled() {
        running("web");
        var failed = exec.exec(new ExecRequest("web", execOf(List.of("nosuch")), false));
        assertTrue(failed.getLeft() instanceof LifecycleError.InitFailed, failed.toString());
        assertTrue(failed.getLeft().message().contains("executable file not found in $PATH"), failed.getLeft().message());
        List<Integer> procs = cgroups.cgroup("web").processes;
        assertEquals(2, procs.size(), "the init and the exec's first stage joined");
        assertFalse(rt.kernel.isAlive(procs.get(1)), "the failed exec's first stage is gone");
    }

    @Test
    void aCgroupThatRefusesTheProcessFailsTheExecAndKillsIt() {
        running("web");
        cgroups.cgroup("web").refuseNext("join", new CgroupError("cgroup.procs", "refused"));
        var failed = exec.exec(new ExecRequest("web", execOf(List.of("sh")), false));
        assertTrue(failed.isLeft());
        assertFalse(rt.kernel.journalOf(Call.Kill.class).isEmpty(), "the first stage was killed");
        assertTrue(rt.kernel.journalOf(Call.Exec.class).stream().noneMatch(e -> e.argv().equals(List.of("sh"))),
                "the program never ran");
    }

    /**
     * exec -t: the console socket goes to the first stage under its number, and the pty is made first of the
     * container phase, from the container's devpts, but not bound on /dev/console (runc's setns init).
     */
    @Test
    void aTerminalIsTheFirstStepInTheContainerAndLeavesDevConsoleAlone() {
        InitPlanExecutor withTerminals = new InitPlanExecutor(rt.kernel, rt.kernel, rt.kernel, rt.kernel, rt.kernel,
                rt.kernel, rt.kernel, rt.kernel, rt.kernel, rt.kernel, (io.jrunc.ports.ProcessAttributes) rt.kernel,
                new io.jrunc.adapter.fake.FakeTerminals(rt.kernel));
        ExecInContainer ttyExec = new ExecInContainer(rt.store, rt.observer,
                new InProcessExec(rt.kernel, withTerminals), withTerminals, rt.kernel);
        running("web");
        ContainerConfig c = execOf(List.of("sh"));
        ProcessSpec p = c.process();
        ProcessSpec tty = new ProcessSpec(p.args(), p.env(), p.cwd(), 0, 0, List.of(), OptionalInt.empty(),
                false, true, CapabilitySets.none(), 0, java.util.Optional.of(new WindowSize(33, 101)));
        ContainerConfig withTty = c.toBuilder().process(tty).build();
        int[] pair = rt.kernel.socketPair();
        ExecRequest request = new ExecRequest("web", withTty, false, java.util.Map.of(), OptionalInt.of(pair[1]));

        var steps = ExecInContainer.plan(request).steps().stream()
                .filter(s -> s.phase() == io.jrunc.domain.init.Phase.CONTAINER_INIT).toList();
        assertEquals(new InitStep.SetupConsole(pair[1], java.util.Optional.of(new WindowSize(33, 101)), 0, false),
                steps.get(0));

        int before = rt.kernel.journal().size();
        var ran = ttyExec.exec(request);
        assertTrue(ran.isRight(), ran.toString());
        List<Call> calls = rt.kernel.journal().subList(before, rt.kernel.journal().size());
        Call.Spawn spawn = (Call.Spawn) calls.stream().filter(Call.Spawn.class::isInstance).findFirst().orElseThrow();
        assertTrue(spawn.request().inheritedFds().contains(pair[1]), spawn.toString());
        assertTrue(calls.stream().anyMatch(Call.OpenPtyMaster.class::isInstance), calls.toString());
        assertTrue(calls.stream().anyMatch(call -> call instanceof Call.SendFd send && send.socket() == pair[1]
                && send.data().equals("/dev/ptmx")), calls.toString());
        assertTrue(calls.stream().noneMatch(call -> call instanceof Call.Mount m
                && m.request().target().equals("/dev/console")), "no bind on /dev/console: " + calls);
    }
}
