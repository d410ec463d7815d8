package io.jrunc.adapter.jna;

import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mounts are made on a thread that has a mount namespace of its own: it dies with the thread. */
class JnaMountsRootTest extends JnaRootTest {
    private final JnaMounts mounts = new JnaMounts();
    private final JnaFilesystem filesystem = new JnaFilesystem();

    @TempDir
    Path dir;

    @Test
    void mountAndUnmountATmpfsInAPrivateMountNamespace() {
        String target = dir.resolve("m").toString();
        filesystem.mkdirs(target, 0755);

        String mountinfo = onOwnMountNamespace(() -> {
            mounts.mount(MountRequest.of("jrunc-test", target, "tmpfs", Set.of(MountFlag.MS_NOSUID), "size=1m"));
            String seen = mountinfo();
            mounts.unmount(target, true);
            return seen + "\n--after--\n" + mountinfo();
        });

        String[] parts = mountinfo.split("--after--");
        assertTrue(parts[0].contains(target + " ") && parts[0].contains("jrunc-test"), parts[0]);
        assertFalse(parts[1].contains("jrunc-test"));
    }

    @Test
    void mountBeneathStaysUnderTheRootThroughALinkSwappedInAfterTheCheck() throws java.io.IOException {
        // The race of CVE-2021-30465: the runtime resolved root/link/m, then "link" became a link to a host path.
        Path root = java.nio.file.Files.createDirectory(dir.resolve("jrunc-root"));
        Path host = java.nio.file.Files.createDirectories(dir.resolve("host/m"));
        Path inRoot = java.nio.file.Files.createDirectories(root.resolve(dir.getRoot().relativize(host)));
        java.nio.file.Files.createSymbolicLink(root.resolve("link"), host.getParent());

        String mountinfo = onOwnMountNamespace(() -> {
            mounts.mountBeneath(root.toString(), MountRequest.of("jrunc-test", root.resolve("link/m").toString(),
                    "tmpfs", Set.of(MountFlag.MS_NOSUID), "size=1m"));
            return mountinfo();
        });

        assertTrue(mountinfo.contains(" " + inRoot + " "), mountinfo);
        assertFalse(mountinfo.contains(" " + host + " "), mountinfo);
    }

    static <T> T onOwnMountNamespace(java.util.function.Supplier<T> work) {
        return JnaFreshThread.call("test-mounts", () -> {
            new JnaNamespaces().unshare(Set.of(Namespace.MOUNT));
            // or the mounts would propagate to the host's shared "/"
            new JnaMounts().mount(MountRequest.propagation("/", Set.of(MountFlag.MS_REC, MountFlag.MS_PRIVATE)));
            return work.get();
        });
    }

    private static String mountinfo() {
        return new String(JnaFileIo.readIfExists("/proc/thread-self/mountinfo").orElseThrow());
    }

    /**
     * The race of CVE-2019-19921: the destination was checked as root/data, then "data" became a link to /proc,
     * where a procfs is mounted: the open beneath the root lands on procfs, and a mount there would take the
     * runtime's /proc writes. Refused; a mount meant for /proc itself (lxcfs's files) is still made.
     */
    @Test
    void mountBeneathRefusesATargetOnProcfsThatALinkSwappedInLedItTo() throws java.io.IOException {
        Path root = java.nio.file.Files.createDirectory(dir.resolve("jrunc-root"));
        java.nio.file.Files.createDirectories(root.resolve("proc"));
        java.nio.file.Files.createSymbolicLink(root.resolve("data"), Path.of("/proc"));
        java.util.List<Object> seen = onOwnMountNamespace(() -> {
            mounts.mount(MountRequest.of("proc", root.resolve("proc").toString(), "proc", Set.of(), ""));
            io.jrunc.ports.model.SyscallException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    io.jrunc.ports.model.SyscallException.class, () -> mounts.mountBeneath(root.toString(),
                    MountRequest.of("jrunc-test", root.resolve("data").toString(), "tmpfs", Set.of(), "size=1m")));
            mounts.mountBeneath(root.toString(), MountRequest.of("/dev/null", root.resolve("proc/uptime").toString(),
                    "", Set.of(MountFlag.MS_BIND), ""));
            return java.util.List.of(refused.errno(), refused.getMessage(),
                    mountinfo().contains(" " + root.resolve("proc/uptime") + " "));
        });
        org.junit.jupiter.api.Assertions.assertEquals(io.jrunc.ports.model.Errno.EPERM, seen.get(0));
        org.junit.jupiter.api.Assertions.assertEquals("\"" + root.resolve("data") + "\" cannot be mounted because it is inside /proc", seen.get(1));
        org.junit.jupiter.api.Assertions.assertEquals(true, seen.get(2), "a bind meant for /proc/uptime is made");
    }

    /** A root with the null device at dev/null, a file and a directory to mask, and a host file a link may name. */
    private Path maskRoot() throws java.io.IOException {
        Path root = java.nio.file.Files.createDirectories(dir.resolve("jrunc-root/dev"));
        root = root.getParent();
        java.nio.file.Files.writeString(root.resolve("secret"), "in the image");
        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(root.resolve("dir")).resolve("file"), "in the image");
        java.nio.file.Files.writeString(dir.resolve("host-file"), "the host's");
        return root;
    }

    private void nullDeviceAt(Path path) {
        filesystem.mknod(new io.jrunc.ports.model.DeviceNode(path.toString(), 'c', 0666, 1, 3, 0, 0));
    }

    private static String readOrError(Path path) {
        try {
            return java.nio.file.Files.isDirectory(path) ? String.valueOf(java.nio.file.Files.list(path).count()) : java.nio.file.Files.readString(path);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void mask_bindsTheNullDeviceOverAFile_aReadOnlyTmpfsOverADirectory_andSkipsWhatIsMissing() throws java.io.IOException {
        Path root = maskRoot();
        nullDeviceAt(root.resolve("dev/null"));
        java.nio.file.Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nowhere"));
        java.util.List<Object> seen = onOwnMountNamespace(() -> java.util.List.of(
                mounts.mask(root.toString(), root.resolve("secret").toString()),
                mounts.mask(root.toString(), root.resolve("dir").toString()),
                mounts.mask(root.toString(), root.resolve("missing").toString()),
                mounts.mask(root.toString(), root.resolve("dangling").toString()),
                readOrError(root.resolve("secret")), readOrError(root.resolve("dir")),
                new java.io.File(root.resolve("dir").toFile(), "made").mkdir()));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(true, true, false, false, "", "0", false), seen);
    }

    /**
     * CVE-2025-31133: /dev/null, in a /dev the container shares with another, became a link to a host file. A mask
     * made by path (the naive runtime's, done here first to show it) binds that file over the masked path, where
     * the container can write it; the mask through fds refuses the link and leaves the path as it was.
     */
    @Test
    void mask_refusesADevNullSwappedForALink_whichAMaskByPathWouldHaveBound() throws java.io.IOException {
        Path root = maskRoot();
        java.nio.file.Files.createSymbolicLink(root.resolve("dev/null"), dir.resolve("host-file"));
        java.util.List<Object> seen = onOwnMountNamespace(() -> {
            mounts.mount(MountRequest.of(root.resolve("dev/null").toString(), root.resolve("dir/file").toString(), "",
                    Set.of(MountFlag.MS_BIND), ""));
            String naive = readOrError(root.resolve("dir/file"));
            io.jrunc.ports.model.SyscallException refused = org.junit.jupiter.api.Assertions.assertThrows(io.jrunc.ports.model.SyscallException.class,
                    () -> mounts.mask(root.toString(), root.resolve("secret").toString()));
            return java.util.List.of(naive, refused.errno(), readOrError(root.resolve("secret")));
        });
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("the host's", io.jrunc.ports.model.Errno.ELOOP, "in the image"), seen);
    }

    @Test
    void mask_refusesADevNullThatIsAFileOrAnotherDevice() throws java.io.IOException {
        Path root = maskRoot();
        java.nio.file.Files.writeString(root.resolve("dev/null"), "planted");
        Path other = java.nio.file.Files.createDirectories(dir.resolve("other/dev")).getParent();
        java.nio.file.Files.writeString(other.resolve("secret"), "in the image");
        filesystem.mknod(new io.jrunc.ports.model.DeviceNode(other.resolve("dev/null").toString(), 'c', 0666, 1, 5, 0, 0));
        java.util.List<Object> seen = onOwnMountNamespace(() -> {
            io.jrunc.ports.model.SyscallException file = org.junit.jupiter.api.Assertions.assertThrows(io.jrunc.ports.model.SyscallException.class,
                    () -> mounts.mask(root.toString(), root.resolve("secret").toString()));
            io.jrunc.ports.model.SyscallException zero = org.junit.jupiter.api.Assertions.assertThrows(io.jrunc.ports.model.SyscallException.class,
                    () -> mounts.mask(other.toString(), other.resolve("secret").toString()));
            return java.util.List.of(file.getMessage(), zero.getMessage(), readOrError(root.resolve("secret")),
                    readOrError(other.resolve("secret")));
        });
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("can't mask paths: /dev/null is not a character device",
                "can't mask paths: /dev/null is device 1:5, not the null device 1:3", "in the image", "in the image"), seen);
    }

    /** A masked path through a link to a host directory is looked up inside the root, never on the host. */
    @Test
    void mask_followsALinkOnlyInsideTheRoot() throws java.io.IOException {
        Path root = maskRoot();
        nullDeviceAt(root.resolve("dev/null"));
        java.nio.file.Files.createSymbolicLink(root.resolve("link"), dir);
        java.util.List<Object> seen = onOwnMountNamespace(() -> java.util.List.of(
                mounts.mask(root.toString(), root.resolve("link/host-file").toString()),
                readOrError(dir.resolve("host-file"))));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(false, "the host's"), seen);
    }
}
