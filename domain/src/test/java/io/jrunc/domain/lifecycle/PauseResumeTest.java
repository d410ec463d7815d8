package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.model.StoredState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** pause and resume over the fake kernel, with the container's cgroup in memory. */
class PauseResumeTest {
    private final InMemoryCgroups cgroups = new InMemoryCgroups();
    private final FakeRuntime rt = new FakeRuntime(cgroups);
    private final PauseContainer pause = new PauseContainer(rt.store, rt.observer);
    private final ResumeContainer resume = new ResumeContainer(rt.store, rt.observer);

    private int running(String id) {
        int pid = rt.create(id, TestConfigs.webServer()).get().pid();
        rt.start.start(id);
        return pid;
    }

    private String hint(String id) {
        return rt.store.load(id).get().statusHint();
    }

    @Test
    void pauseFreezesARunningContainerAndResumeThawsIt() {
        running("web");
        ContainerState paused = pause.pause("web").get();
        assertEquals(ContainerStatus.PAUSED, paused.status());
        assertTrue(cgroups.cgroup("web").frozen);
        assertEquals("paused", hint("web"));

        ContainerState resumed = resume.resume("web").get();
        assertEquals(ContainerStatus.RUNNING, resumed.status());
        assertFalse(cgroups.cgroup("web").frozen);
        assertEquals("running", hint("web"));
    }

    @Test
    void theCgroupIsFoundByThePathsTheStateRecorded() {
        running("web");
        StoredState state = rt.store.load("web").get();
        Map<String, String> paths = Map.of("memory", "/sys/fs/cgroup/memory/jrunc/web", "freezer",
                "/sys/fs/cgroup/freezer/jrunc/web");
        rt.store.save(new StoredState(state.id(), state.pid(), state.pidStartTime(), state.bundle(), state.rootfs(),
                state.created(), state.owner(), state.statusHint(), state.annotations(), paths));
        cgroups.pathsAsked.clear();
        pause.pause("web");
        assertFalse(cgroups.pathsAsked.isEmpty());
        cgroups.pathsAsked.forEach(asked -> assertEquals(paths, asked));
    }

    @Test
    void aCreatedContainerCanBePausedAndResumesToCreated() {
        rt.create("web", TestConfigs.webServer());
        assertEquals(ContainerStatus.PAUSED, pause.pause("web").get().status());
        assertEquals(ContainerStatus.CREATED, resume.resume("web").get().status());
        assertEquals("created", hint("web"));
    }

    @Test
    void pausingTwiceSaysNotRunningAsRuncDoes() {
        running("web");
        pause.pause("web");
        LifecycleError error = pause.pause("web").getLeft();
        assertEquals("container not running", error.message());
        assertEquals(ContainerStatus.PAUSED, ((LifecycleError.WrongStatus) error).status());
    }

    @Test
    void resumingARunningContainerSaysNotPaused() {
        running("web");
        assertEquals("container not paused", resume.resume("web").getLeft().message());
        assertFalse(cgroups.cgroup("web").frozen);
    }

    @Test
    void aStoppedContainerIsNeitherPausedNorResumed() {
        int pid = running("web");
        rt.kernel.exit(pid, 0);
        assertEquals("container not running", pause.pause("web").getLeft().message());
        assertEquals("container not paused", resume.resume("web").getLeft().message());
        assertFalse(cgroups.cgroup("web").frozen);
    }

    @Test
    void aMissingOrMisnamedContainerIsRefusedInRuncsWords() {
        assertEquals("container does not exist", pause.pause("nope").getLeft().message());
        assertEquals("container does not exist", resume.resume("nope").getLeft().message());
        assertEquals("invalid container ID format", pause.pause("../x").getLeft().message());
    }

    @Test
    void aFreezerThatRefusesLeavesTheContainerRunningAndSaysWhy() {
        running("web");
        cgroups.cgroup("web").refuseNext("freeze", new CgroupError("freezer.state", "write FROZEN: device busy"));
        LifecycleError error = pause.pause("web").getLeft();
        assertEquals("freezer.state: write FROZEN: device busy", error.message());
        assertEquals("running", hint("web"));
        assertEquals(ContainerStatus.RUNNING, rt.query.state("web").get().status());
    }

    @Test
    void aFreezerThatCannotBeReadDoesNotHideTheFreezeError() {
        running("web");
        cgroups.cgroup("web").refuseNext("frozen", new CgroupError("freezer.state", "cannot read"));
        cgroups.cgroup("web").refuseNext("freeze", new CgroupError("freezer.state", "write FROZEN: no such file"));
        assertEquals("freezer.state: write FROZEN: no such file", pause.pause("web").getLeft().message());
    }

    @Test
    void aFreezerThatCannotBeReadLeavesTheContainerRunningAndPausable() {
        running("web");
        cgroups.cgroup("web").refuseNext("frozen", new CgroupError("freezer.state", "cannot read"));
        assertEquals("container not paused", resume.resume("web").getLeft().message());
        assertEquals(ContainerStatus.RUNNING, ((LifecycleError.WrongStatus) resume.resume("web").getLeft()).status());
        cgroups.cgroup("web").refuseNext("frozen", new CgroupError("freezer.state", "cannot read"));
        assertEquals(ContainerStatus.PAUSED, pause.pause("web").get().status());
    }

    @Test
    void pauseAndResumeHoldTheContainersLock() throws Exception {
        running("web");
        Thread paused;
        try (var lock = rt.store.lock("web")) {
            paused = new Thread(() -> pause.pause("web"));
            paused.start();
            paused.join(200);
            assertTrue(paused.isAlive(), "pause went ahead while another command held the lock");
            assertFalse(cgroups.cgroup("web").frozen);
        }
        paused.join(5000);
        assertTrue(cgroups.cgroup("web").frozen);
    }
}
