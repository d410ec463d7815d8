package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** runc events and runc ps over the fake kernel, with the container's cgroup in memory. */
class CollectStatsTest {
    private final InMemoryCgroups cgroups = new InMemoryCgroups();
    private final FakeRuntime rt = new FakeRuntime(cgroups);
    private final CollectStats stats = new CollectStats(rt.store, rt.observer);
    private final ListProcesses ps = new ListProcesses(rt.store, rt.observer);

    private int running(String id) {
        int pid = rt.create(id, TestConfigs.webServer()).get().pid();
        rt.start.start(id);
        return pid;
    }

    @Test
    void statsAreTheCgroups() {
        running("web");
        assertEquals(CgroupStatsSamples.small(), stats.once("web").get());
    }

    @Test
    void aStoppedContainerHasNoStatsInRuncsWords() {
        int pid = running("web");
        rt.kernel.exit(pid, 0);
        assertEquals("container with id web is not running", stats.once("web").getLeft().message());
        assertEquals("container does not exist", stats.once("nope").getLeft().message());
    }

    @Test
    void aFeedEndsWhenTheInitDies() {
        int pid = running("web");
        CollectStats.Feed feed = stats.feed("web").get();
        assertFalse(feed.ended());
        assertTrue(feed.sample().isRight());
        rt.kernel.exit(pid, 0);
        assertTrue(feed.ended());
    }

    @Test
    void aSampleTheCgroupRefusesIsAnErrorNotAnException() {
        running("web");
        cgroups.cgroup("web").refuseNext("stats", new CgroupError("memory.stat", "unreadable"));
        assertEquals("memory.stat: unreadable", stats.feed("web").get().sample().getLeft().message());
    }

    @Test
    void psListsTheCgroupsProcesses() {
        int pid = running("web");
        cgroups.cgroup("web").processes.add(4242);
        assertEquals(List.of(pid, 4242), ps.processes("web").get());
    }

    @Test
    void aStoppedContainerWhoseCgroupIsGoneHasNoProcesses() {
        int pid = running("web");
        rt.kernel.exit(pid, 0);
        cgroups.cgroup("web").destroy();
        assertEquals(List.of(), ps.processes("web").get());
    }

    @Test
    void aLiveContainerWhoseCgroupCannotBeReadIsAnError() {
        running("web");
        cgroups.cgroup("web").refuseNext("processes", new SyscallException("open", Errno.EACCES,
                "/sys/fs/cgroup/pids/jrunc/web/cgroup.procs"));
        assertTrue(ps.processes("web").getLeft().message().startsWith("unable to get all container pids: "),
                ps.processes("web").toString());
    }
}
