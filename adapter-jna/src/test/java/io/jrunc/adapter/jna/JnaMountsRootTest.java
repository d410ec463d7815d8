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
}
