package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.StoredState;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;

/** The observer decides a container's status, reading its cgroup's freezer only where runc would. */
class ContainerObserverTest {
    private final InMemoryCgroups cgroups = new InMemoryCgroups();
    private final FakeRuntime rt = new FakeRuntime(cgroups);

    private int running(String id) {
        int pid = rt.create(id, TestConfigs.webServer()).get().pid();
        rt.start.start(id);
        return pid;
    }

    private ContainerStatus status(String id) {
        return rt.observer.status(rt.store.load(id).get());
    }

    @Test
    void theCgroupIsTheOneCreateMade() {
        running("web");
        assertSame(cgroups.cgroup("web"), rt.observer.cgroup(rt.store.load("web").get()));
    }

    @Test
    void aFrozenCgroupIsPausedWhateverWasSaved() {
        running("web");
        cgroups.cgroup("web").frozen = true;
        assertEquals("running", rt.store.load("web").get().statusHint());
        assertEquals(ContainerStatus.PAUSED, status("web"));
    }

    @Test
    void aCreatedContainerWithAFrozenCgroupIsPaused() {
        rt.create("web", TestConfigs.webServer());
        cgroups.cgroup("web").frozen = true;
        assertEquals(ContainerStatus.PAUSED, status("web"));
    }

    @Test
    void aFreezerThatCannotBeReadIsNotFrozen() {
        running("web");
        int before = cgroups.cgroup("web").freezerReads;
        cgroups.cgroup("web").refuseNext("frozen", new CgroupError("freezer.state", "cannot read"));
        assertEquals(ContainerStatus.RUNNING, rt.query.state("web").get().status());
        cgroups.cgroup("web").refuseNext("frozen", new SyscallException("open", Errno.EACCES,
                "/sys/fs/cgroup/freezer/jrunc/web/freezer.state"));
        assertEquals(ContainerStatus.RUNNING, status("web"));
        assertEquals(before + 2, cgroups.cgroup("web").freezerReads, "both reads were refused");
    }

    @Test
    void aStoppedContainersFreezerIsNotAsked() {
        int pid = running("web");
        cgroups.cgroup("web").frozen = true;
        rt.kernel.exit(pid, 0);
        int before = cgroups.cgroup("web").freezerReads;
        assertEquals(ContainerStatus.STOPPED, status("web"));
        assertEquals(before, cgroups.cgroup("web").freezerReads);
    }

    @Test
    void anUnfinishedCreatesFreezerIsNotAsked() {
        rt.create("web", TestConfigs.webServer());
        StoredState state = rt.store.load("web").get().withStatusHint(ContainerStatus.CREATING.specName());
        cgroups.cgroup("web").frozen = true;
        int before = cgroups.cgroup("web").freezerReads;
        assertEquals(ContainerStatus.CREATING, rt.observer.status(state));
        assertEquals(before, cgroups.cgroup("web").freezerReads);
    }
}
