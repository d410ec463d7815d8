package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountInfo;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mounts on a thread that has a mount namespace of its own, made private first so nothing propagates to
 * the host; the namespace goes away with the thread.
 */
@Tag("root")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FfmMountsRootTest {
    private final FfmMounts mounts = new FfmMounts();
    private final FfmNamespaces namespaces = new FfmNamespaces();
    private final FfmFilesystem filesystem = new FfmFilesystem();
    @TempDir
    Path dir;

    @AfterEach
    void hostMountTableIsUnchanged() throws IOException {
        assertEquals(0, Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().filter(l -> l.contains("jrunc")).count());
    }

    private <T> T inOwnMountNamespace(java.util.function.Supplier<T> work) {
        return FfmDedicatedThread.call("mount-test", () -> {
            namespaces.unshare(Set.of(Namespace.MOUNT));
            mounts.mount(MountRequest.propagation("/", Set.of(MountFlag.MS_REC, MountFlag.MS_PRIVATE)));
            return work.get();
        });
    }

    private static List<String> threadMountPoints() {
        return MountInfo.parse(FfmTestShell.read(Path.of("/proc/thread-self/mountinfo"))).stream()
                .map(MountInfo::mountPoint).toList();
    }

    /** The test classes load from target/ directories, out of reach once the thread's root has changed. */
    private boolean preloadClassesUsedAfterTheRootChanges() {
        filesystem.chdir("/");
        assertThrows(SyscallException.class, () -> mounts.unmount("/no/such/mount", true));
        return filesystem.exists("/") && filesystem.isDirectory("/");
    }

    @Test
    void aTmpfsMountedOnTheThread_isSeenThere_andUnmountedWithDetach() throws IOException {
        Path target = Files.createDirectory(dir.resolve("jrunc-tmpfs"));
        List<Boolean> seen = inOwnMountNamespace(() -> {
            mounts.mount(MountRequest.of("jrunc-test", target.toString(), "tmpfs", Set.of(MountFlag.MS_NOSUID), "size=1m"));
            boolean mounted = threadMountPoints().contains(target.toString());
            mounts.unmount(target.toString(), true);
            return List.of(mounted, threadMountPoints().contains(target.toString()));
        });
        assertEquals(List.of(true, false), seen);
    }

    @Test
    void mountBeneath_staysUnderTheRootThroughALinkSwappedInAfterTheCheck() throws IOException {
        // The race of CVE-2021-30465: the runtime resolved root/link/m, then "link" became a link to a host path.
        Path root = Files.createDirectory(dir.resolve("jrunc-root"));
        Path host = Files.createDirectories(dir.resolve("host/m"));
        Path inRoot = Files.createDirectories(root.resolve(dir.getRoot().relativize(host)));
        Files.createSymbolicLink(root.resolve("link"), host.getParent());
        List<Boolean> seen = inOwnMountNamespace(() -> {
            mounts.mountBeneath(root.toString(), MountRequest.of("jrunc-test", root.resolve("link/m").toString(),
                    "tmpfs", Set.of(MountFlag.MS_NOSUID), "size=1m"));
            List<String> points = threadMountPoints();
            return List.of(points.contains(inRoot.toString()), points.contains(host.toString()));
        });
        assertEquals(List.of(true, false), seen, "the tmpfs is where the link leads inside the root, not on the host");
    }

    @Test
    void mountBeneath_refusesATargetOutsideTheRoot_andSaysWhatWasMountedWhenItIsMissing() throws IOException {
        Path root = Files.createDirectory(dir.resolve("jrunc-root"));
        assertThrows(IllegalArgumentException.class, () -> mounts.mountBeneath(root.toString(),
                MountRequest.of("jrunc-test", dir.resolve("elsewhere").toString(), "tmpfs", Set.of(), "")));
        SyscallException missing = inOwnMountNamespace(() -> assertThrows(SyscallException.class,
                () -> mounts.mountBeneath(root.toString(), MountRequest.of("jrunc-test",
                        root.resolve("missing").toString(), "tmpfs", Set.of(), ""))));
        assertEquals(io.jrunc.ports.model.Errno.ENOENT, missing.errno());
        assertTrue(missing.getMessage().contains("dst=" + root.resolve("missing")), missing.getMessage());
    }

    @Test
    void aBindMount_showsTheSourcesFiles() throws IOException {
        Path source = Files.createDirectory(dir.resolve("source"));
        Files.writeString(source.resolve("file"), "bound");
        Path target = Files.createDirectory(dir.resolve("jrunc-bind"));
        String content = inOwnMountNamespace(() -> {
            mounts.mount(MountRequest.of(source.toString(), target.toString(), "", Set.of(MountFlag.MS_BIND), ""));
            return FfmTestShell.read(target.resolve("file"));
        });
        assertEquals("bound", content);
    }

    @Test
    void pivotRoot_makesATmpfsTheThreadsRoot_withTheOldRootBelowIt() throws IOException {
        Path newRoot = Files.createDirectory(dir.resolve("jrunc-root"));
        List<Boolean> seen = inOwnMountNamespace(() -> {
            mounts.mount(MountRequest.of("jrunc-root", newRoot.toString(), "tmpfs", Set.of(), "size=1m"));
            filesystem.mkdirs(newRoot.resolve("old").toString(), 0700);
            filesystem.touch(newRoot.resolve("marker").toString(), 0644);
            boolean preload = preloadClassesUsedAfterTheRootChanges();
            mounts.pivotRoot(newRoot.toString(), newRoot.resolve("old").toString());
            filesystem.chdir("/");
            boolean markerAtRoot = filesystem.exists("/marker");
            boolean oldRootBelow = filesystem.isDirectory("/old/proc");
            mounts.unmount("/old", true);
            return List.of(preload, markerAtRoot, oldRootBelow, filesystem.exists("/old/proc"));
        });
        assertEquals(List.of(true, true, true, false), seen);
        assertTrue(Files.exists(Path.of("/proc/self")), "the JVM keeps its root");
    }

    @Test
    void chroot_changesTheThreadsRootOnly() throws IOException {
        Path newRoot = Files.createDirectory(dir.resolve("chroot"));
        Files.createFile(newRoot.resolve("marker"));
        boolean seen = FfmDedicatedThread.call("chroot-test", () -> {
            namespaces.unshare(Set.of());
            boolean preload = preloadClassesUsedAfterTheRootChanges();
            mounts.chroot(newRoot.toString());
            filesystem.chdir("/");
            return preload && filesystem.exists("/marker");
        });
        assertTrue(seen);
        assertFalse(Files.exists(Path.of("/marker")));
    }

    /**
     * The race of CVE-2019-19921: the destination was checked as root/data, then "data" became a link to /proc,
     * where a procfs is mounted: the open beneath the root lands on procfs, and a mount there would take the
     * runtime's /proc writes. Refused; a mount meant for /proc itself (lxcfs's files) is still made.
     */
    @Test
    void mountBeneath_refusesATargetOnProcfsThatALinkSwappedInLedItTo() throws IOException {
        Path root = Files.createDirectory(dir.resolve("jrunc-root"));
        Files.createDirectories(root.resolve("proc"));
        Files.createSymbolicLink(root.resolve("data"), Path.of("/proc"));
        List<Object> seen = inOwnMountNamespace(() -> {
            mounts.mount(MountRequest.of("proc", root.resolve("proc").toString(), "proc", Set.of(), ""));
            SyscallException refused = assertThrows(SyscallException.class, () -> mounts.mountBeneath(root.toString(),
                    MountRequest.of("jrunc-test", root.resolve("data").toString(), "tmpfs", Set.of(), "size=1m")));
            mounts.mountBeneath(root.toString(), MountRequest.of("/dev/null", root.resolve("proc/uptime").toString(),
                    "", Set.of(MountFlag.MS_BIND), ""));
            return List.of(refused.errno(), refused.getMessage(),
                    threadMountPoints().contains(root.resolve("proc/uptime").toString()));
        });
        assertEquals(io.jrunc.ports.model.Errno.EPERM, seen.get(0));
        assertEquals("\"" + root.resolve("data") + "\" cannot be mounted because it is inside /proc", seen.get(1));
        assertEquals(true, seen.get(2), "a bind meant for /proc/uptime is made");
    }
}
