package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** runc update over the fake kernel: what reaches the cgroup, and what the frozen config keeps. */
class UpdateContainerTest {
    private final InMemoryCgroups cgroups = new InMemoryCgroups();
    private final FakeRuntime rt = new FakeRuntime(cgroups);
    private final InMemoryConfigResources configs = new InMemoryConfigResources();
    private final UpdateContainer update = new UpdateContainer(rt.store, rt.observer, configs);

    private static Resources memoryLimit(long limit) {
        return Resources.builder().memory(Memory.of(OptionalLong.of(limit), OptionalLong.empty())).build();
    }

    /** A running container whose config set a memory limit of 100 MiB and 512 cpu shares. */
    private int running(String id) {
        int pid = rt.create(id, TestConfigs.webServer()).get().pid();
        rt.start.start(id);
        rt.store.writeFile(id, StateFiles.CONFIG, configs.configSetting(Resources.builder()
                .memory(Memory.of(OptionalLong.of(100 << 20), OptionalLong.empty()))
                .cpu(Cpu.of(OptionalLong.of(512), OptionalLong.empty(), OptionalLong.empty()))
                .build()));
        return pid;
    }

    private Resources saved(String id) {
        return configs.read(rt.store.readFile(id, StateFiles.CONFIG).get()).get().get();
    }

    @Test
    void onlyTheGivenValuesReachTheCgroupAndTheConfigKeepsTheRest() {
        running("web");
        assertEquals(ContainerStatus.RUNNING, update.update("web", memoryLimit(200 << 20)).get().status());

        Resources sent = cgroups.cgroup("web").updates.get(0);
        assertEquals(OptionalLong.of(200 << 20), sent.memory().get().limit());
        assertTrue(sent.cpu().isEmpty(), sent.toString());

        Resources kept = saved("web");
        assertEquals(OptionalLong.of(200 << 20), kept.memory().get().limit());
        assertEquals(OptionalLong.of(512), kept.cpu().get().shares());
    }

    @Test
    void aLaterUpdateStartsFromWhatTheEarlierOneSaved() {
        running("web");
        update.update("web", memoryLimit(200 << 20));
        update.update("web", Resources.builder().cpu(Cpu.of(OptionalLong.of(1024), OptionalLong.of(50000),
                OptionalLong.of(100000))).build());
        Resources kept = saved("web");
        assertEquals(OptionalLong.of(200 << 20), kept.memory().get().limit());
        assertEquals(OptionalLong.of(1024), kept.cpu().get().shares());
        assertEquals(OptionalLong.of(50000), kept.cpu().get().quota());
    }

    @Test
    void aConfigWithoutResourcesGetsTheUpdatedOnes() {
        rt.create("web", TestConfigs.webServer());
        rt.start.start("web");
        update.update("web", Resources.builder().pids(new Pids(64)).build());
        assertEquals(64, saved("web").pids().get().limit());
    }

    @Test
    void unlimitedMemoryWithoutASwapGivenMakesSwapUnlimitedToo() {
        running("web");
        update.update("web", memoryLimit(-1));
        assertEquals(OptionalLong.of(-1), cgroups.cgroup("web").updates.get(0).memory().get().swap());
        assertEquals(OptionalLong.of(-1), saved("web").memory().get().swap());
    }

    @Test
    void aStoppedContainerIsNotUpdated() {
        int pid = running("web");
        rt.kernel.exit(pid, 0);
        assertEquals("container not running", update.update("web", memoryLimit(1 << 20)).getLeft().message());
        assertTrue(cgroups.cgroup("web").updates.isEmpty());
        assertEquals(OptionalLong.of(100 << 20), saved("web").memory().get().limit());
    }

    @Test
    void aCreatedOrPausedContainerIsUpdated() {
        rt.create("web", TestConfigs.webServer());
        assertEquals(ContainerStatus.CREATED, update.update("web", memoryLimit(1 << 20)).get().status());
        cgroups.cgroup("web").frozen = true;
        assertEquals(ContainerStatus.PAUSED, update.update("web", memoryLimit(2 << 20)).get().status());
    }

    @Test
    void aValueTheCgroupRefusesIsNamedAndTheOldValuesAreWrittenBack() {
        running("web");
        cgroups.cgroup("web").refuseNext("update", new CgroupError("linux.resources.memory.limit",
                "write memory.limit_in_bytes: device or resource busy"));
        LifecycleError error = update.update("web", memoryLimit(1 << 20)).getLeft();
        assertEquals("linux.resources.memory.limit: write memory.limit_in_bytes: device or resource busy",
                error.message());
        List<Resources> writes = cgroups.cgroup("web").updates;
        assertEquals(2, writes.size());
        assertEquals(OptionalLong.of(100 << 20), writes.get(1).memory().get().limit());
        assertEquals(OptionalLong.of(100 << 20), saved("web").memory().get().limit());
    }

    @Test
    void anUnreadableFrozenConfigIsRefusedBeforeTheCgroupIsTouched() {
        running("web");
        rt.store.writeFile("web", StateFiles.CONFIG, "garbage".getBytes(StandardCharsets.UTF_8));
        assertEquals("the container's config.json: cannot read garbage",
                update.update("web", memoryLimit(1 << 20)).getLeft().message());
        assertTrue(cgroups.cgroup("web").updates.isEmpty());
    }

    @Test
    void aMissingContainerDoesNotExist() {
        assertEquals("container does not exist", update.update("nope", memoryLimit(1)).getLeft().message());
    }
}
