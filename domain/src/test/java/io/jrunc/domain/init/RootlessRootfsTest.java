package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.adapter.fake.Call;
import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.domain.runtime.DeviceSpec;
import io.jrunc.domain.runtime.MountSpec;
import io.jrunc.domain.runtime.RootfsSpec;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What root of a user namespace (rootless) cannot do, and what the rootfs is built with instead, against the fake
 * kernel told to refuse as the real one does: a device node, a sysfs without its network namespace, the remount
 * of a bind that leaves out a flag its source locks.
 */
class RootlessRootfsTest {
    private static final String ROOT = "/bundle/rootfs";
    private final FakeKernel kernel = new FakeKernel();
    private final InitPlanExecutor executor = new InitPlanExecutor(kernel, kernel, kernel, kernel, kernel, kernel,
            kernel, kernel, kernel, kernel, kernel);

    private io.vavr.control.Either<InitFailure, List<InitStep>> prepare(List<MountSpec> mounts, List<DeviceSpec> devices) {
        kernel.addDirectory(ROOT);
        RootfsSpec rootfs = new RootfsSpec(ROOT, false, Set.of(MountFlag.MS_PRIVATE, MountFlag.MS_REC), mounts,
                devices, false, false, true);
        return executor.containerPhase(new InitPlan(List.of(new InitStep.PrepareRootfs(rootfs))), executor.inProcess(1),
                s -> { });
    }

    private List<MountRequest> mountsOn(String target) {
        return kernel.journalOf(Call.Mount.class).stream().map(Call.Mount::request)
                .filter(r -> r.target().equals(target)).collect(Collectors.toList());
    }

    @Test
    void aDeviceNodeThatMayNotBeMadeIsTheHostsBoundOnAnEmptyFile() {
        kernel.addFile("/dev/null");
        kernel.failWhen(c -> c instanceof Call.Mknod, Errno.EPERM);

        var done = prepare(List.of(), List.of(new DeviceSpec("/dev/null", 'c', 1, 3, 0666, 0, 0)));

        assertTrue(done.isRight(), () -> done.getLeft().toString());
        List<MountRequest> on = mountsOn(ROOT + "/dev/null");
        assertEquals(1, on.size(), on.toString());
        assertEquals("/dev/null", on.get(0).source());
        assertEquals(EnumSet.of(MountFlag.MS_BIND), on.get(0).flags());
        assertTrue(kernel.exists(ROOT + "/dev/null"), "the file the host's node is bound on");
    }

    @Test
    void aDeviceNodeRefusedForAnotherReasonFailsTheCreate() {
        kernel.failWhen(c -> c instanceof Call.Mknod, Errno.ENOSPC);

        var done = prepare(List.of(), List.of(new DeviceSpec("/dev/null", 'c', 1, 3, 0666, 0, 0)));

        assertTrue(done.isLeft());
        assertEquals(List.of(), mountsOn(ROOT + "/dev/null"));
    }

    @Test
    void aSysfsThatMayNotBeMountedIsTheHostsSysBoundWithTheSameFlags() {
        kernel.addDirectory("/sys");
        kernel.failWhen(c -> c instanceof Call.Mount m && m.request().fstype().equals("sysfs"), Errno.EPERM);
        Set<MountFlag> flags = Set.of(MountFlag.MS_RDONLY, MountFlag.MS_NOSUID, MountFlag.MS_NODEV, MountFlag.MS_NOEXEC);

        var done = prepare(List.of(new MountSpec("sysfs", "/sys", "sysfs", flags, List.of(), "")), List.of());

        assertTrue(done.isRight(), () -> done.getLeft().toString());
        List<MountRequest> on = mountsOn(ROOT + "/sys");
        assertEquals("/sys", on.get(1).source(), on.toString());
        assertEquals(EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REC), on.get(1).flags());
        EnumSet<MountFlag> remount = EnumSet.copyOf(flags);
        remount.addAll(EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REMOUNT));
        assertEquals(remount, on.get(2).flags(), "the flags asked for, on the bind");
    }

    @Test
    void aRemountRefusedForALockedFlagIsTriedAgainWithTheSourcesFlagsNamed() {
        kernel.addDirectory("/src");
        kernel.mount(MountRequest.of("tmpfs", "/src", "tmpfs", EnumSet.of(MountFlag.MS_NODEV, MountFlag.MS_NOSUID,
                MountFlag.MS_NOATIME), ""));
        // The kernel's rule in a user namespace's mount namespace: a remount may not clear what the source locks.
        kernel.failWhen(c -> c instanceof Call.Mount m && m.request().flags().contains(MountFlag.MS_REMOUNT)
                && !m.request().flags().contains(MountFlag.MS_NODEV), Errno.EPERM);

        var done = prepare(List.of(new MountSpec("/src", "/data", "bind",
                Set.of(MountFlag.MS_BIND, MountFlag.MS_RDONLY), List.of(), "")), List.of());

        assertTrue(done.isRight(), () -> done.getLeft().toString());
        List<MountRequest> on = mountsOn(ROOT + "/data");
        assertEquals(3, on.size(), on.toString());
        assertEquals(EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REMOUNT, MountFlag.MS_RDONLY, MountFlag.MS_NODEV,
                MountFlag.MS_NOSUID, MountFlag.MS_NOATIME), on.get(2).flags());
    }

    @Test
    void anAtimeFlagAskedForIsKeptOverTheSourcesAndARefusalWithNothingLockedStands() {
        kernel.addDirectory("/src");
        kernel.mount(MountRequest.of("tmpfs", "/src", "tmpfs", EnumSet.of(MountFlag.MS_NODEV, MountFlag.MS_NOATIME), ""));
        kernel.failWhen(c -> c instanceof Call.Mount m && m.request().flags().contains(MountFlag.MS_REMOUNT)
                && !m.request().flags().contains(MountFlag.MS_NODEV), Errno.EPERM);

        var kept = prepare(List.of(new MountSpec("/src", "/data", "bind",
                Set.of(MountFlag.MS_BIND, MountFlag.MS_RDONLY, MountFlag.MS_STRICTATIME), List.of(), "")), List.of());

        assertTrue(kept.isRight(), () -> kept.getLeft().toString());
        List<MountRequest> on = mountsOn(ROOT + "/data");
        assertEquals(EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REMOUNT, MountFlag.MS_RDONLY, MountFlag.MS_NODEV,
                MountFlag.MS_STRICTATIME), on.get(2).flags());
    }

    @Test
    void aRemountRefusedWhenTheSourceLocksNothingFailsTheCreate() {
        kernel.addDirectory("/src");
        kernel.failWhen(c -> c instanceof Call.Mount m && m.request().flags().contains(MountFlag.MS_REMOUNT),
                Errno.EPERM);

        var done = prepare(List.of(new MountSpec("/src", "/data", "bind",
                Set.of(MountFlag.MS_BIND, MountFlag.MS_RDONLY), List.of(), "")), List.of());

        assertTrue(done.isLeft());
        assertEquals(2, mountsOn(ROOT + "/data").size(), "the bind, and one remount: not tried again for nothing");
    }
}
