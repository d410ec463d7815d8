package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.Call;
import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.RlimitResource;
import io.jrunc.ports.model.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** create, start, state, kill, delete over the fake kernel: the lifecycle without root. */
class ContainerLifecycleTest {
    private final FakeRuntime rt = new FakeRuntime();

    private List<String> syscalls() {
        return rt.kernel.journal().stream().map(Call::syscall).collect(Collectors.toList());
    }

    @Test
    void createLeavesTheInitWaitingOnItsFifoAndTheContainerCreated() {
        ContainerState state = rt.create("web", TestConfigs.webServer()).get();
        assertEquals(ContainerStatus.CREATED, state.status());
        assertTrue(rt.kernel.isAlive(state.pid()));
        assertEquals(ContainerStatus.CREATED, rt.query.state("web").get().status());
        assertEquals("web", rt.kernel.hostname());
        assertEquals(Map.of("k", "v"), rt.query.state("web").get().annotations());
        assertEquals("2026-11-23T04:00:00Z", state.created());
    }

    @Test
    void theRuntimesStepsLandOnTheInitsPidBeforeTheInitTakesAnyStepOfItsOwn() {
        int pid = rt.create("web", TestConfigs.webServer()).get().pid();
        List<String> calls = syscalls();
        int spawn = calls.indexOf("posix_spawn");
        int prlimit = calls.indexOf("prlimit");
        int oom = rt.kernel.journal().stream().map(Object::toString).collect(Collectors.toList())
                .indexOf("write(\"/proc/" + pid + "/oom_score_adj\", \"500\")");
        int firstMount = calls.indexOf("mount");
        assertTrue(spawn < prlimit && prlimit < oom && oom < firstMount, calls.toString());
        assertEquals(1024, rt.kernel.rlimit(pid, RlimitResource.RLIMIT_NOFILE).get().soft());
        assertEquals(4096, rt.kernel.rlimit(pid, RlimitResource.RLIMIT_NOFILE).get().hard());
    }

    @Test
    void theInitIsBornInTheContainersNamespaces() {
        int pid = rt.create("web", TestConfigs.webServer()).get().pid();
        assertEquals(TestConfigs.webServer().newNamespaces(), rt.kernel.namespacesOf(pid).get());
    }

    @Test
    void startReleasesTheInitWhichExecsTheUserProcess() {
        int pid = rt.create("web", TestConfigs.webServer()).get().pid();
        assertEquals(ContainerStatus.RUNNING, rt.start.start("web").get().status());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            while (rt.kernel.journal().stream().noneMatch(c -> c.syscall().equals("execve"))) {
                Thread.sleep(5);
            }
        });
        Call exec = rt.kernel.journal().stream().filter(c -> c.syscall().equals("execve")).findFirst().get();
        assertFalse(exec.failed());
        assertEquals("/bin/sh", ((Call.Exec) exec).path());
        assertEquals(ContainerStatus.RUNNING, rt.query.state("web").get().status());
        assertTrue(rt.kernel.isAlive(pid));
    }

    @Test
    void aStoppedContainerShowsPidZeroAndCannotStart() {
        int pid = rt.create("web", TestConfigs.webServer()).get().pid();
        rt.start.start("web");
        rt.kernel.exit(pid, 0);
        ContainerState state = rt.query.state("web").get();
        assertEquals(ContainerStatus.STOPPED, state.status());
        assertEquals(0, state.pid());
        assertEquals("cannot start a container that has stopped", rt.start.start("web").getLeft().message());
    }

    @Test
    void startDoesNotHangWhenTheInitDiesWhileItWaitsOnTheFifo() {
        // An init that got as far as "created" but will never write the fifo, then dies.
        rt.store.create("web");
        rt.kernel.mkfifo("/run/jrunc/web/exec.fifo", 0622);
        int pid = rt.kernel.spawn(new io.jrunc.ports.model.SpawnRequest("/proc/self/exe", List.of("jrunc", "init"),
                List.of(), java.util.Set.of(), Map.of(), List.of(0, 1, 2)));
        rt.store.save(new io.jrunc.ports.model.StoredState("web", pid, rt.kernel.startTime(pid).getAsLong(), "/b",
                "/b/rootfs", "t", "root", "created", Map.of(), Map.of()));
        new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            rt.kernel.exit(pid, 1);
        }).start();
        var result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rt.start.start("web"));
        assertEquals("cannot start a container that has stopped", result.getLeft().message());
    }

    @Test
    void startingTwiceIsRefusedInRuncsWords() {
        rt.create("web", TestConfigs.webServer());
        rt.start.start("web");
        assertEquals("cannot start an already running container", rt.start.start("web").getLeft().message());
    }

    @Test
    void killSignalsTheInitAndAStoppedContainerIsNotRunning() {
        int pid = rt.create("web", TestConfigs.webServer()).get().pid();
        rt.start.start("web");
        assertTrue(rt.kill.kill("web", Signal.SIGTERM.number(), false).isRight());
        assertFalse(rt.kernel.isAlive(pid));
        assertEquals("container not running", rt.kill.kill("web", Signal.SIGTERM.number(), false).getLeft().message());
    }

    @Test
    void killAllSignalsTheContainersPidNamespace() {
        int pid = rt.create("web", TestConfigs.webServer()).get().pid();
        assertTrue(rt.kill.kill("web", 9, true).isRight());
        assertFalse(rt.kernel.isAlive(pid));
    }

    @Test
    void killAllSignalsEveryProcessOfTheCgroupAlsoInTheHostsPidNamespace() {
        var c = TestConfigs.minimal();
        var hostPid = c.toBuilder().newNamespaces(java.util.Set.of(io.jrunc.ports.model.Namespace.MOUNT)).build();
        int pid = rt.create("web", hostPid).get().pid();
        int child = rt.kernel.spawn(new io.jrunc.ports.model.SpawnRequest("/bin/sh", java.util.List.of("sh"),
                java.util.List.of(), java.util.Set.of(), java.util.Map.of(), java.util.List.of(0, 1, 2)));
        rt.kernel.join("", "/web", child);
        int outsider = rt.kernel.spawn(new io.jrunc.ports.model.SpawnRequest("/bin/sh", java.util.List.of("sh"),
                java.util.List.of(), java.util.Set.of(), java.util.Map.of(), java.util.List.of(0, 1, 2)));

        assertTrue(rt.kill.kill("web", 9, true).isRight());

        assertFalse(rt.kernel.isAlive(pid));
        assertFalse(rt.kernel.isAlive(child), "a process of the container's cgroup outside its init's tree");
        assertTrue(rt.kernel.isAlive(outsider), "the host's pid namespace is not the container's");
        assertTrue(rt.kernel.isAlive(rt.kernel.self()));
    }

    @Test
    void deleteOfARunningContainerNeedsForceAndThenLeavesNothing() {
        int pid = rt.create("web", TestConfigs.webServer()).get().pid();
        rt.start.start("web");
        assertEquals("cannot delete container web that is not stopped: running",
                rt.delete.delete("web", false).getLeft().message());
        assertEquals("web", rt.delete.delete("web", true).get());
        assertFalse(rt.kernel.isAlive(pid));
        assertFalse(rt.store.exists("web"));
        assertFalse(rt.kernel.exists("/run/jrunc/web"));
        assertTrue(rt.query.list().isEmpty());
        assertEquals("container does not exist", rt.query.state("web").getLeft().message());
    }

    @Test
    void deleteOfACreatedContainerKillsItsWaitingInit() {
        int pid = rt.create("web", TestConfigs.webServer()).get().pid();
        assertTrue(rt.delete.delete("web", false).isRight());
        assertFalse(rt.kernel.isAlive(pid));
    }

    @Test
    void repeatingDeleteForceIsHarmlessAndWithoutForceAMissingContainerIsAnError() {
        assertTrue(rt.delete.delete("ghost", true).isRight());
        assertTrue(rt.delete.delete("ghost", true).isRight());
        assertEquals("container does not exist", rt.delete.delete("ghost", false).getLeft().message());
    }

    @Test
    void deleteOfWhatIsNoContainerStillClearsItsNameAsRuncsRemoveAllDoes() {
        // The store knows whether something (a link planted at the id, say) stands there; the use case asks it
        // to take away whatever does, and reports no container all the same.
        assertEquals("container does not exist", rt.delete.delete("ghost", false).getLeft().message());
        assertEquals(List.of("ghost"), rt.kernel.journalOf(Call.StateRemove.class).stream()
                .map(Call.StateRemove::id).toList());
    }

    @Test
    void aSecondCreateWithTheSameIdIsRefusedAndTheFirstStays() {
        int pid = rt.create("web", TestConfigs.webServer()).get().pid();
        assertEquals("container with id exists: web",
                rt.create("web", TestConfigs.webServer()).getLeft().message());
        assertTrue(rt.kernel.isAlive(pid));
        assertEquals(ContainerStatus.CREATED, rt.query.state("web").get().status());
    }

    @Test
    void listShowsEveryContainerWithItsObservedStatus() {
        rt.create("a", TestConfigs.minimal());
        rt.create("b", TestConfigs.minimal());
        rt.start.start("b");
        assertEquals(List.of("a:created", "b:running"), rt.query.list().stream()
                .map(s -> s.id() + ":" + s.status().specName()).collect(Collectors.toList()));
    }

    @Test
    void anInvalidIdIsRefusedBeforeAnythingIsMade() {
        assertEquals("invalid container ID format", rt.create("../x", TestConfigs.minimal()).getLeft().message());
        assertTrue(rt.kernel.journal().isEmpty());
    }
}
