package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.Call;
import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.config.DeviceRule;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerStatus;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.runtime.CgroupSpec;
import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Signal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The container's cgroup through create, pause detection, kill --all and delete, on the fake kernel. */
class CgroupLifecycleTest {
    private final FakeRuntime rt = new FakeRuntime();

    /** runc spec's devices: deny everything, then what every container gets. */
    private static final Resources LIMITS = Resources.builder().devices(List.of(DeviceRule.denyAll()))
            .memory(Memory.of(OptionalLong.of(64L << 20), OptionalLong.empty())).pids(new Pids(50)).build();

    static ContainerConfig withCgroup(ContainerConfig c, CgroupSpec cgroup) {
        return c.toBuilder().cgroup(cgroup).build();
    }

    private static ContainerConfig limited() {
        return withCgroup(TestConfigs.webServer(), new CgroupSpec(Optional.empty(), LIMITS, List.of()));
    }

    private int indexOf(Call call) {
        return rt.kernel.journal().indexOf(call);
    }

    private int firstOf(String syscall) {
        List<Call> journal = rt.kernel.journal();
        for (int i = 0; i < journal.size(); i++) {
            if (journal.get(i).syscall().equals(syscall)) {
                return i;
            }
        }
        return -1;
    }

    private void assertNothingLeft(String id) {
        assertFalse(rt.kernel.cgroupExists("", "/" + id), "cgroup");
        assertFalse(rt.store.exists(id), "state");
        assertTrue(rt.kernel.journal().stream().anyMatch(c -> c.syscall().equals("kill")), "the init is killed");
    }

    @Test
    void theCgroupIsMadeJoinedAndLimitedBeforeTheInitTakesAStep() {
        int pid = rt.create("web", limited()).get().pid();

        int mkdir = indexOf(new Call.CgroupCreate("", "/web"));
        int spawn = firstOf("posix_spawn");
        int join = indexOf(new Call.CgroupJoin("", "/web", pid));
        int limit = indexOf(new Call.CgroupWrite("", "/web", "memory.max", Long.toString(64L << 20)));
        int pids = indexOf(new Call.CgroupWrite("", "/web", "pids.max", "50"));
        int firstMount = firstOf("mount");
        // Made once the state that names it is saved (after the spawn), so a runtime killed at any point leaves
        // nothing delete --force cannot find.
        int saved = indexOf(rt.kernel.journal().stream().filter(c -> c.syscall().equals("rename")
                && c.toString().contains("status=creating")).findFirst().orElseThrow());
        assertTrue(spawn < saved && saved < mkdir && mkdir < join && join < limit && limit < pids && pids < firstMount,
                rt.kernel.journal().toString());
        assertEquals(List.of(pid), rt.kernel.processes("", "/web"));
        assertEquals(Map.of("", "/web"), rt.store.load("web").get().cgroupPaths());
        assertEquals("cgroupfs", rt.store.load("web").get().cgroupDriver(), "the state names the driver that made it");
    }

    @Test
    void theDeviceProgramIsAttachedBeforeTheInitTakesAStep() {
        rt.create("web", limited());
        int program = indexOf(rt.kernel.journalOf(Call.CgroupDeviceProgram.class).get(0));
        assertTrue(program >= 0 && program < firstOf("mount"), rt.kernel.journal().toString());
        assertTrue(rt.kernel.deviceProgram("/web").isPresent());
    }

    @Test
    void aV1HostWithoutADevicesControllerCannotRestrictDevicesAndCreateFails() {
        rt.kernel.setCgroupHierarchies(List.of("memory", "pids", "freezer"));
        LifecycleError error = rt.create("web", limited()).getLeft();
        assertTrue(error.message().contains("linux.resources.devices: the devices controller is not mounted"),
                error.message());
        assertNothingLeftIn(List.of("memory", "pids", "freezer"));
    }

    private void assertNothingLeftIn(List<String> hierarchies) {
        for (String h : hierarchies) {
            assertFalse(rt.kernel.cgroupExists(h, "/web"), h);
        }
        assertFalse(rt.store.exists("web"));
    }

    @Test
    void aConfigWithoutResourcesGetsACgroupAllTheSame() {
        int pid = rt.create("web", TestConfigs.webServer()).get().pid();
        assertEquals(List.of(pid), rt.kernel.processes("", "/web"));
    }

    @Test
    void aRelativeCgroupsPathIsUnderTheRuntimesOwnCgroupsParentOnV2AndAnAbsoluteOneIsTakenAsIs() {
        var created = rt.create("a", withCgroup(TestConfigs.minimal(), new CgroupSpec(Optional.of("pods/a"), LIMITS, List.of())));
        assertTrue(created.isRight(), () -> created.getLeft().message() + rt.kernel.journal());
        assertTrue(rt.kernel.cgroupExists("", "/pods/a"));
        var b = rt.create("b", withCgroup(TestConfigs.minimal(), new CgroupSpec(Optional.of("/machine/b"), LIMITS, List.of())));
        assertTrue(b.isRight(), () -> b.getLeft().message());
        assertTrue(rt.kernel.cgroupExists("", "/machine/b"));
    }

    @Test
    void deleteRemovesTheCgroupOnceTheProcessesAreGone() {
        rt.create("web", limited());
        rt.start.start("web");
        assertEquals("web", rt.delete.delete("web", true).get());
        assertFalse(rt.kernel.cgroupExists("", "/web"));
        assertTrue(rt.kernel.journal().contains(new Call.CgroupRemove("", "/web")));
    }

    @Test
    void aCgroupValueTheKernelRefusesFailsCreateNamingTheFieldAndLeavesNothing() {
        rt.kernel.failNext(Call.CgroupWrite.class, Errno.EINVAL);
        LifecycleError error = rt.create("web", limited()).getLeft();
        assertEquals("unable to apply cgroup configuration: linux.resources.memory.limit: unable to set memory.max to \""
                + (64L << 20) + "\": invalid argument", error.message());
        assertNothingLeft("web");
    }

    @Test
    void aJoinTheKernelRefusesLeavesNothing() {
        rt.kernel.failNext(Call.CgroupJoin.class, Errno.ENOSPC);
        LifecycleError error = rt.create("web", limited()).getLeft();
        assertTrue(error.message().contains("linux.cgroupsPath: unable to join cgroup /web"), error.message());
        assertNothingLeft("web");
    }

    @Test
    void aCgroupThatCannotBeMadeFailsCreateAndTakesTheWaitingInitDown() {
        rt.kernel.failNext(Call.CgroupCreate.class, Errno.EACCES);
        LifecycleError error = rt.create("web", limited()).getLeft();
        assertEquals("unable to apply cgroup configuration: linux.cgroupsPath: unable to create cgroup /web:"
                + " permission denied", error.message());
        assertEquals(-1, firstOf("mount"), "the init took no step");
        assertNothingLeft("web");
    }

    @Test
    void aSystemdPathWithoutTheSystemdDriverIsRefusedBeforeAnythingIsMade() {
        LifecycleError error = rt.create("web", withCgroup(TestConfigs.webServer(),
                new CgroupSpec(Optional.of("system.slice:jrunc:web"), LIMITS, List.of()))).getLeft();
        assertTrue(error.message().contains("linux.cgroupsPath: \"system.slice:jrunc:web\" is a systemd cgroup path"),
                error.message());
        assertTrue(rt.kernel.journalOf(Call.CgroupCreate.class).isEmpty());
        assertEquals(-1, firstOf("posix_spawn"));
    }

    @Test
    void aValueNoCgroupCouldTakeIsRefusedBeforeAnythingIsMade() {
        Resources bad = Resources.builder().memory(Memory.of(OptionalLong.of(200L << 20), OptionalLong.of(100L << 20)))
                .build();
        LifecycleError error = rt.create("web", withCgroup(TestConfigs.webServer(),
                new CgroupSpec(Optional.empty(), bad, List.of()))).getLeft();
        assertEquals("unable to apply cgroup configuration: linux.resources.memory.swap: memory+swap limit (104857600)"
                + " should be >= memory limit (209715200)", error.message());
        assertTrue(rt.kernel.journalOf(Call.CgroupCreate.class).isEmpty());
        assertEquals(-1, firstOf("posix_spawn"));
        assertFalse(rt.store.exists("web"));
    }

    @Test
    void aFrozenCgroupIsSeenPausedAndKillAllThawsIt() {
        rt.create("web", limited());
        rt.start.start("web");
        var state = rt.store.load("web").get();
        rt.observer.cgroup(state).freeze();
        assertEquals(ContainerStatus.PAUSED, rt.query.state("web").get().status());

        assertTrue(rt.kill.kill("web", Signal.SIGTERM.number(), true).isRight());
        assertFalse(rt.observer.cgroup(state).frozen(), "thawed, so the signal can be acted on");
    }

    @Test
    void pauseAndResumeFreezeTheCgroupTheObserverReads() {
        rt.create("web", limited());
        rt.start.start("web");
        var state = rt.store.load("web").get();
        assertEquals(ContainerStatus.PAUSED, new PauseContainer(rt.store, rt.observer).pause("web").get().status());
        assertTrue(rt.observer.cgroup(state).frozen());
        assertEquals(ContainerStatus.PAUSED, rt.query.state("web").get().status());

        assertEquals(ContainerStatus.RUNNING, new ResumeContainer(rt.store, rt.observer).resume("web").get().status());
        assertFalse(rt.observer.cgroup(state).frozen());
        assertEquals(ContainerStatus.RUNNING, rt.query.state("web").get().status());
    }

    @Test
    void onAHybridHostEveryV1HierarchyAndTheUnifiedOneHoldTheInit() {
        rt.kernel.setCgroupHierarchies(List.of("cpu,cpuacct", "memory", "pids", "freezer", "devices", "systemd", ""));
        var created = rt.create("web", limited());
        assertTrue(created.isRight(), () -> created.getLeft().message());
        int pid = created.get().pid();
        for (String h : List.of("cpu,cpuacct", "memory", "pids", "freezer", "devices", "systemd", "")) {
            assertEquals(List.of(pid), rt.kernel.processes(h, "/web"), h);
        }
        assertTrue(rt.kernel.journal().contains(new Call.CgroupWrite("memory", "/web", "memory.limit_in_bytes",
                Long.toString(64L << 20))));
        assertTrue(rt.kernel.journal().contains(new Call.CgroupWrite("pids", "/web", "pids.max", "50")));
        assertEquals(new Call.CgroupWrite("devices", "/web", "devices.deny", "a *:* rwm"),
                rt.kernel.journalOf(Call.CgroupWrite.class).stream().filter(w -> w.hierarchy().equals("devices"))
                        .findFirst().get(), "an allow-list starts by denying everything");

        rt.delete.delete("web", true);
        for (String h : List.of("cpu,cpuacct", "memory", "pids", "freezer", "devices", "systemd", "")) {
            assertFalse(rt.kernel.cgroupExists(h, "/web"), h);
        }
    }

    /**
     * A v1-frozen init holds a SIGKILL pending until thawed (the fake models the freezer as the kernel does), so
     * delete --force of a paused container must kill, then thaw: without the thaw it would wait for an init that
     * cannot die and leave it, frozen, in a cgroup that cannot go.
     */
    @Test
    void deleteForceOfAPausedContainerOnV1KillsThenThawsSoTheInitDiesAndTheCgroupGoes() {
        List<String> hybrid = List.of("cpu,cpuacct", "memory", "pids", "freezer", "devices", "systemd", "");
        rt.kernel.setCgroupHierarchies(hybrid);
        int pid = rt.create("web", limited()).get().pid();
        rt.start.start("web");
        assertEquals(ContainerStatus.PAUSED, new PauseContainer(rt.store, rt.observer).pause("web").get().status());
        assertEquals(Optional.of("FROZEN"), rt.kernel.read("freezer", "/web", "freezer.state"));
        rt.kernel.kill(pid, Signal.SIGKILL.number());
        assertTrue(rt.kernel.isAlive(pid), "a frozen task does not die before its thaw");

        var deleted = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> rt.delete.delete("web", true));
        assertEquals("web", deleted.get());
        assertFalse(rt.kernel.isAlive(pid));
        int thaw = indexOf(new Call.CgroupWrite("freezer", "/web", "freezer.state", "THAWED"));
        assertTrue(thaw >= 0, rt.kernel.journal().toString());
        for (String h : hybrid) {
            assertFalse(rt.kernel.cgroupExists(h, "/web"), h);
        }
        assertFalse(rt.store.exists("web"));
    }

    /** limited(), with a read-only "cgroup" mount at /sys/fs/cgroup, in a cgroup namespace or not. */
    private static ContainerConfig withCgroupMount(boolean cgroupNamespace) {
        ContainerConfig c = limited();
        var mounts = new java.util.ArrayList<>(c.rootfs().mounts());
        mounts.add(io.jrunc.domain.runtime.MountSpec.of("cgroup", "/sys/fs/cgroup", "cgroup", List.of("ro", "nosuid")));
        var r = c.rootfs();
        var rootfs = new io.jrunc.domain.runtime.RootfsSpec(r.path(), r.readonly(), r.propagation(), mounts,
                r.devices(), r.noPivot(), cgroupNamespace, r.mountNamespace());
        return c.toBuilder().rootfs(rootfs).build();
    }

    private List<io.jrunc.ports.model.MountRequest> mountsUnder(String dir) {
        return rt.kernel.journalOf(Call.Mount.class).stream().map(Call.Mount::request)
                .filter(m -> m.target().startsWith(TestConfigs.ROOTFS + dir)).toList();
    }

    @Test
    void withoutACgroupNamespaceEachHierarchyIsABindOfTheContainersOwnCgroup() {
        rt.kernel.setCgroupHierarchies(List.of("memory", "pids", "devices", ""));
        var created = rt.create("web", withCgroupMount(false));
        assertTrue(created.isRight(), () -> created.getLeft().message());
        for (String h : List.of("memory", "pids", "devices")) {
            String source = "/sys/fs/cgroup/" + h + "/web";
            assertTrue(mountsUnder("/sys/fs/cgroup/" + h).stream().anyMatch(m -> m.source().equals(source)
                    && m.flags().contains(io.jrunc.ports.model.MountFlag.MS_BIND)), h + ": " + mountsUnder("/sys"));
        }
        assertTrue(mountsUnder("/sys/fs/cgroup").stream().noneMatch(m -> m.fstype().startsWith("cgroup")),
                "no hierarchy is mounted whole");
        assertEquals(List.of(), mountsUnder("/sys/fs/cgroup/unified"), "a hybrid host's unified hierarchy, as runc");
    }

    @Test
    void inACgroupNamespaceEachHierarchyIsMountedAfreshWhichShowsTheNamespacesRoot() {
        rt.kernel.setCgroupHierarchies(List.of("memory", "pids", "devices", ""));
        var created = rt.create("web", withCgroupMount(true));
        assertTrue(created.isRight(), () -> created.getLeft().message());
        assertEquals(List.of("cgroup", "cgroup", "cgroup"), mountsUnder("/sys/fs/cgroup/").stream()
                .map(io.jrunc.ports.model.MountRequest::fstype).toList());
    }

    @Test
    void aValueForAControllerTheHostLacksIsRefusedNamingTheField() {
        rt.kernel.setCgroupHierarchies(List.of("memory", "freezer", ""));
        LifecycleError error = rt.create("web", limited()).getLeft();
        assertEquals("unable to apply cgroup configuration: linux.resources.pids.limit: cannot set pids limit:"
                + " container could not join or create cgroup", error.message());
        assertFalse(rt.kernel.cgroupExists("memory", "/web"));
        assertFalse(rt.store.exists("web"));
    }
}
