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
    /** A root with the null device at dev/null, a file and a directory to mask, and a host file a link may name. */
    private Path maskRoot() throws IOException {
        Path root = Files.createDirectories(dir.resolve("jrunc-root/dev"));
        root = root.getParent();
        Files.writeString(root.resolve("secret"), "in the image");
        Files.writeString(Files.createDirectories(root.resolve("dir")).resolve("file"), "in the image");
        Files.writeString(dir.resolve("host-file"), "the host's");
        return root;
    }

    private void nullDeviceAt(Path path) {
        filesystem.mknod(new io.jrunc.ports.model.DeviceNode(path.toString(), 'c', 0666, 1, 3, 0, 0));
    }

    private static String readOrError(Path path) {
        try {
            return Files.isDirectory(path) ? String.valueOf(Files.list(path).count()) : Files.readString(path);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void mask_bindsTheNullDeviceOverAFile_aReadOnlyTmpfsOverADirectory_andSkipsWhatIsMissing() throws IOException {
        Path root = maskRoot();
        nullDeviceAt(root.resolve("dev/null"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nowhere"));
        List<Object> seen = inOwnMountNamespace(() -> List.of(
                mounts.mask(root.toString(), root.resolve("secret").toString()),
                mounts.mask(root.toString(), root.resolve("dir").toString()),
                mounts.mask(root.toString(), root.resolve("missing").toString()),
                mounts.mask(root.toString(), root.resolve("dangling").toString()),
                readOrError(root.resolve("secret")), readOrError(root.resolve("dir")),
                new java.io.File(root.resolve("dir").toFile(), "made").mkdir()));
        assertEquals(List.of(true, true, false, false, "", "0", false), seen);
    }

    /**
     * CVE-2025-31133: /dev/null, in a /dev the container shares with another, became a link to a host file. A mask
     * made by path (the naive runtime's, done here first to show it) binds that file over the masked path, where
     * the container can write it; the mask through fds refuses the link and leaves the path as it was.
     */
    @Test
    void mask_refusesADevNullSwappedForALink_whichAMaskByPathWouldHaveBound() throws IOException {
        Path root = maskRoot();
        Files.createSymbolicLink(root.resolve("dev/null"), dir.resolve("host-file"));
        List<Object> seen = inOwnMountNamespace(() -> {
            mounts.mount(MountRequest.of(root.resolve("dev/null").toString(), root.resolve("dir/file").toString(), "",
                    Set.of(MountFlag.MS_BIND), ""));
            String naive = readOrError(root.resolve("dir/file"));
            SyscallException refused = assertThrows(SyscallException.class,
                    () -> mounts.mask(root.toString(), root.resolve("secret").toString()));
            return List.of(naive, refused.errno(), readOrError(root.resolve("secret")));
        });
        assertEquals(List.of("the host's", io.jrunc.ports.model.Errno.ELOOP, "in the image"), seen);
    }

    @Test
    void mask_refusesADevNullThatIsAFileOrAnotherDevice() throws IOException {
        Path root = maskRoot();
        Files.writeString(root.resolve("dev/null"), "planted");
        Path other = Files.createDirectories(dir.resolve("other/dev")).getParent();
        Files.writeString(other.resolve("secret"), "in the image");
        filesystem.mknod(new io.jrunc.ports.model.DeviceNode(other.resolve("dev/null").toString(), 'c', 0666, 1, 5, 0, 0));
        List<Object> seen = inOwnMountNamespace(() -> {
            SyscallException file = assertThrows(SyscallException.class,
                    () -> mounts.mask(root.toString(), root.resolve("secret").toString()));
            SyscallException zero = assertThrows(SyscallException.class,
                    () -> mounts.mask(other.toString(), other.resolve("secret").toString()));
            return List.of(file.getMessage(), zero.getMessage(), readOrError(root.resolve("secret")),
                    readOrError(other.resolve("secret")));
        });
        assertEquals(List.of("can't mask paths: /dev/null is not a character device",
                "can't mask paths: /dev/null is device 1:5, not the null device 1:3", "in the image", "in the image"), seen);
    }

    /** A masked path through a link to a host directory is looked up inside the root, never on the host. */
    @Test
    void mask_followsALinkOnlyInsideTheRoot() throws IOException {
        Path root = maskRoot();
        nullDeviceAt(root.resolve("dev/null"));
        Files.createSymbolicLink(root.resolve("link"), dir);
        List<Object> seen = inOwnMountNamespace(() -> List.of(
                mounts.mask(root.toString(), root.resolve("link/host-file").toString()),
                readOrError(dir.resolve("host-file"))));
        assertEquals(List.of(false, "the host's"), seen);
    }
}
