package io.jrunc.domain.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.Call;
import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.RootfsSpec;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A create that fails at any step leaves nothing behind: no init, no state, no fifo. */
class CreateFailureTest {
    private final FakeRuntime rt = new FakeRuntime();

    private void assertNothingLeft(String id) {
        assertFalse(rt.store.exists(id), "state directory");
        assertFalse(rt.kernel.exists("/run/jrunc/" + id), "state directory in the tree");
        assertTrue(rt.query.list().isEmpty());
        rt.kernel.journal().stream().filter(c -> c.syscall().equals("posix_spawn")).findFirst()
                .ifPresent(spawn -> assertTrue(rt.kernel.journal().stream().anyMatch(c -> c.syscall().equals("kill")),
                        "a spawned init is killed"));
    }

    @Test
    void aMountTheKernelRefusesFailsCreateNamingTheStepAndTakesEverythingDown() {
        rt.kernel.failWhen(c -> c instanceof Call.Mount && ((Call.Mount) c).request().target().endsWith("/proc"),
                Errno.EPERM);
        LifecycleError error = rt.create("web", TestConfigs.webServer()).getLeft();
        assertTrue(error instanceof LifecycleError.InitFailed, error.toString());
        assertTrue(error.message().startsWith("prepare rootfs: mount src=proc, dst=" + TestConfigs.ROOTFS + "/proc"),
                error.message());
        assertTrue(error.message().endsWith(": operation not permitted"), error.message());
        assertNothingLeft("web");
    }

    @Test
    void aRefusedRlimitFailsInTheRuntimePhaseBeforeTheInitTookAStep() {
        rt.kernel.failNext(Call.Prlimit.class, Errno.EPERM);
        LifecycleError error = rt.create("web", TestConfigs.webServer()).getLeft();
        assertTrue(error.message().startsWith("apply rlimits: prlimit"), error.message());
        assertTrue(rt.kernel.journal().stream().noneMatch(c -> c.syscall().equals("mount")));
        assertNothingLeft("web");
    }

    @Test
    void aMissingRootfsIsRefusedBeforeAnyStateIsMade() {
        RootfsSpec missing = new RootfsSpec("/nowhere", false, TestConfigs.rootfs(List.of()).propagation(),
                List.of(), List.of(), false, false, true);
        ContainerConfig c = TestConfigs.minimal();
        ContainerConfig config = c.toBuilder().rootfs(missing).build();
        assertEquals("rootfs (\"/nowhere\") does not exist", rt.create("web", config).getLeft().message());
        // Taking the id's lock is all it did: the lock makes nothing on disk.
        assertTrue(rt.kernel.journal().stream().allMatch(call -> call instanceof Call.StateLock || call instanceof Call.StateUnlock),
                rt.kernel.journal().toString());
    }

    /** runc refuses it: a link in the rootfs path can be swapped between the checks and the mounts. */
    @Test
    void aRootfsReachedThroughALinkIsRefusedBeforeAnyStateIsMade() {
        rt.kernel.mkdirs("/images/real", 0755);
        rt.kernel.mkdirs("/bundle", 0755);
        rt.kernel.symlink("/images/real", "/bundle/rootfs");
        RootfsSpec linked = new RootfsSpec("/bundle/rootfs", false, TestConfigs.rootfs(List.of()).propagation(),
                List.of(), List.of(), false, false, true);
        ContainerConfig c = TestConfigs.minimal();
        ContainerConfig config = c.toBuilder().rootfs(linked).build();
        assertEquals("invalid rootfs: not an absolute path, or a symlink", rt.create("web", config).getLeft().message());
        assertNothingLeft("web");
    }

    @Test
    void nothingOutsideTheStateDirectoryIsMadeBeforeASavedStateNamesIt() {
        // What a runtime killed at each stage leaves is what delete --force must find: the state directory alone,
        // until a saved state names the init and the cgroup; then the cgroup, made only after that.
        var seen = new java.util.ArrayList<String>();
        rt.onStage = stage -> seen.add(stage.label() + ": state " + rt.store.load("web").map(s -> "pid " + s.pid()
                + " " + s.statusHint() + " " + s.cgroupPaths()).orElse("none") + ", cgroup "
                + rt.kernel.cgroupExists("", "/web"));
        assertTrue(rt.create("web", TestConfigs.minimal()).isRight());
        int pid = rt.store.load("web").get().pid();
        assertEquals(List.of(
                "state-dir: state none, cgroup false",
                "spawned: state none, cgroup false",
                "cgroup: state pid " + pid + " creating {=/web}, cgroup true",
                "exec-requested: state pid " + pid + " creating {=/web}, cgroup true"), seen);
    }

    @Test
    void aDirectoryWithoutStateIsRemovedByDeleteAndIsNoErrorWithForceOnlyAsInRunc() {
        rt.store.create("web");
        assertEquals("container does not exist", rt.delete.delete("web", false).getLeft().message());
        assertFalse(rt.store.exists("web"), "removed all the same");
        rt.store.create("web");
        assertTrue(rt.delete.delete("web", true).isRight());
        assertFalse(rt.store.exists("web"));
        var skipped = new java.util.ArrayList<String>();
        rt.store.create("half");
        assertEquals(List.of(), rt.query.list(skipped::add));
        assertEquals(List.of("load container half: container does not exist"), skipped);
    }

    @Test
    void anInitLeftByACreateThatDiedIsFoundAndKilledByDeleteForce() {
        // The runtime dies between spawn and ready: the init stays, with the state saved as "creating".
        var store = rt.store;
        store.create("web");
        int pid = rt.kernel.spawn(new io.jrunc.ports.model.SpawnRequest("/proc/self/exe", List.of("jrunc", "init"),
                List.of(), java.util.Set.of(), java.util.Map.of(), List.of(0, 1, 2)));
        store.save(new io.jrunc.ports.model.StoredState("web", pid, rt.kernel.startTime(pid).getAsLong(), "/b",
                "/b/rootfs", "t", "root", "creating", java.util.Map.of(), java.util.Map.of()));
        assertEquals(io.jrunc.domain.container.ContainerStatus.CREATING, rt.query.state("web").get().status());
        assertTrue(rt.delete.delete("web", false).isLeft(), "without --force it stays");
        assertTrue(rt.delete.delete("web", true).isRight());
        assertFalse(rt.kernel.isAlive(pid));
        assertNothingLeft("web");
    }

    @Test
    void aBugAfterTheSpawnStillTakesDownTheInitTheCgroupAndTheState() {
        InitLauncher real = new InProcessInit(rt.kernel, rt.kernel, rt.executor);
        InitLauncher broken = new InitLauncher() {
            @Override public io.vavr.control.Either<LifecycleError, Integer> spawn(InitRequest request) {
                return real.spawn(request);
            }

            @Override public io.vavr.control.Either<LifecycleError, Integer> proceed(InitRequest request, int pid) {
                throw new NoClassDefFoundError("io/jrunc/Missing");
            }
        };
        CreateContainer create = new CreateContainer(rt.store, rt.kernel, rt.kernel, broken, rt.executor,
                java.time.Clock.systemUTC(), rt.cgroups);
        assertThrows(NoClassDefFoundError.class, () -> create.create(new CreateRequest("web", "/bundles/web",
                TestConfigs.webServer(), java.util.Map.of(), new byte[] {'{', '}'}, "root", true)));
        assertNothingLeft("web");
        assertFalse(rt.kernel.cgroupExists("", "/web"), "the cgroup is removed");
    }

    @Test
    void aSpawnTheKernelRefusesLeavesNoState() {
        rt.kernel.failNext(Call.Spawn.class, Errno.EAGAIN);
        LifecycleError error = rt.create("web", TestConfigs.minimal()).getLeft();
        assertEquals("spawn init: posix_spawn jrunc-init: resource temporarily unavailable", error.message());
        assertFalse(rt.store.exists("web"));
        // The cgroup is made only once a saved state names it, after the spawn: a failed spawn made none.
        assertFalse(rt.kernel.journal().contains(new Call.CgroupCreate("", "/web")), rt.kernel.journal().toString());
        assertFalse(rt.kernel.cgroupExists("", "/web"), "no cgroup is left");
    }

    @Test
    void aHostnameTooLongForTheKernelFailsInTheInit() {
        ContainerConfig c = TestConfigs.webServer();
        ContainerConfig config = c.toBuilder().hostname(java.util.Optional.of("h".repeat(65))).build();
        String message = rt.create("web", config).getLeft().message();
        assertTrue(message.startsWith("set hostname: sethostname"), message);
        assertTrue(message.endsWith("invalid argument"), message);
        assertNothingLeft("web");
        assertTrue(rt.kernel.journal().stream().anyMatch(call -> call.syscall().equals("sethostname")));
    }
}
