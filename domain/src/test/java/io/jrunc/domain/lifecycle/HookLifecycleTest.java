package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.Call;
import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.config.Hook;
import io.jrunc.domain.config.Hooks;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.ProgramResult;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hooks' order and failures through the use cases, on the fake kernel (which runs no program). */
class HookLifecycleTest {
    private final FakeRuntime rt = new FakeRuntime();
    private final List<String> warnings = new ArrayList<>();
    private final Hooks hooks = new Hooks(hook("prestart"), hook("createRuntime"), hook("createContainer"),
            hook("startContainer"), hook("poststart"), hook("poststop"));
    private final LifecycleHooks lifecycle = new LifecycleHooks(rt.kernel,
            (id, status, pid, bundle, annotations) -> (status + " " + pid).getBytes(StandardCharsets.UTF_8),
            json -> hooks, List.of("RUNTIME=1"), warnings::add);
    private final CreateContainer create = new CreateContainer(rt.store, rt.kernel, rt.kernel,
            new InProcessInit(rt.kernel, rt.kernel, rt.executor), rt.executor, Clock.systemUTC(), rt.cgroups, lifecycle);
    private final StartContainer start = new StartContainer(rt.store, rt.kernel, rt.observer, rt.kernel, lifecycle);
    private final DeleteContainer delete = new DeleteContainer(rt.store, rt.kernel, rt.observer, lifecycle);

    private static List<Hook> hook(String point) {
        return List.of(new Hook("/hooks/" + point, List.of(point), List.of(), OptionalInt.empty()));
    }

    private Either<LifecycleError, ContainerState> created(String id) {
        ContainerConfig c = TestConfigs.webServer();
        ContainerConfig hooked = c.toBuilder().hooks(hooks).build();
        return create.create(new CreateRequest(id, "/bundles/web", hooked, Map.of(), new byte[] {'{', '}'}, "root",
                true));
    }

    /** Each hook's executable and the state it was given, with the calls that mark the lifecycle between them. */
    private List<String> timeline() {
        return rt.kernel.journal().stream().map(call -> {
            if (call instanceof Call.RunProgram run) {
                return run.run().executable() + " <" + new String(run.run().stdin(), StandardCharsets.UTF_8) + ">";
            }
            return call instanceof Call.PivotRoot || call instanceof Call.Exec ? call.syscall() : null;
        }).filter(s -> s != null).collect(Collectors.toList());
    }

    @Test
    void hooksRunInTheSpecsOrderWithTheStatusOfEachPoint() {
        int pid = created("web").get().pid();
        assertTrue(start.start("web").isRight());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            while (!timeline().contains("execve")) {
                Thread.sleep(5);
            }
        });
        rt.kernel.exit(pid, 0);
        assertTrue(delete.delete("web", false).isRight());

        // The fake's init writes its fifo and goes on at once, on a thread of its own: its startContainer hook and
        // exec and start's poststart hook interleave either way here (the real init holds start until its exec).
        List<String> timeline = timeline();
        String poststart = "/hooks/poststart <running " + pid + ">";
        assertTrue(timeline.indexOf(poststart) > timeline.indexOf("pivot_root"), timeline.toString());
        timeline.remove(poststart);
        assertEquals(List.of("/hooks/prestart <creating " + pid + ">", "/hooks/createRuntime <creating " + pid + ">",
                "/hooks/createContainer <creating 1>", "pivot_root", "/hooks/startContainer <created 1>", "execve",
                "/hooks/poststop <stopped 0>"), timeline);
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFailingCreateRuntimeHookFailsCreateLeavesNothingAndPoststopStillRuns() {
        rt.kernel.programEnds("/hooks/createRuntime", new ProgramResult(ExitStatus.exited(2), false, "o", "e"));

        var result = created("web");

        assertEquals("run createRuntime hooks: error running hook #0: error running hook: exit status 2, stdout: o,"
                + " stderr: e", result.getLeft().message());
        assertFalse(rt.store.exists("web"));
        assertFalse(timeline().contains("/hooks/createContainer <creating 1>"), "the list stops at the failure");
        assertTrue(timeline().contains("/hooks/poststop <stopped 0>"), timeline().toString());
    }

    @Test
    void aTimedOutCreateContainerHookFailsCreateInRuncsWords() {
        rt.kernel.programEnds("/hooks/createContainer", new ProgramResult(ExitStatus.killed(9), true, "", ""));
        Hooks timed = new Hooks(List.of(), List.of(), List.of(new Hook("/hooks/createContainer", List.of(), List.of(),
                OptionalInt.of(3))), List.of(), List.of(), List.of());
        ContainerConfig c = TestConfigs.webServer();
        ContainerConfig hooked = c.toBuilder().hooks(timed).build();

        var result = create.create(new CreateRequest("web", "/bundles/web", hooked, Map.of(), new byte[] {'{', '}'},
                "root", true));

        assertEquals("run createContainer hooks: error running hook #0: hook ran past specified timeout of 3.0s",
                result.getLeft().message());
        assertFalse(rt.store.exists("web"));
        assertFalse(timeline().contains("pivot_root"));
    }

    @Test
    void aFailingPoststopHookIsAWarningAndDeleteSucceeds() {
        rt.kernel.programEnds("/hooks/poststop", new ProgramResult(ExitStatus.killed(15), false, "", ""));
        created("web");

        assertTrue(delete.delete("web", false).isRight());

        assertEquals(List.of("error running hook #0: error running hook: signal: terminated, stdout: , stderr: "),
                warnings);
        assertFalse(rt.store.exists("web"));
    }

    @Test
    void aFailingPoststartHookFailsStartAndKillsTheContainer() {
        rt.kernel.programEnds("/hooks/poststart", new ProgramResult(ExitStatus.exited(1), false, "", ""));
        int pid = created("web").get().pid();

        var started = start.start("web");

        assertEquals("error running hook #0: error running hook: exit status 1, stdout: , stderr: ",
                started.getLeft().message());
        assertFalse(rt.kernel.isAlive(pid));
    }
}
