package io.jrunc.adapter.jna;

import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.SyscallException;
import io.jrunc.ports.model.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JnaFilesystemRootTest extends JnaRootTest {
    private final JnaFilesystem filesystem = new JnaFilesystem();

    @TempDir
    Path dir;

    @Test
    void mknodMakesCharacterAndBlockDevicesAndFifosOwnedAsAsked() throws Exception {
        Path nullDevice = dir.resolve("null");
        Path loop = dir.resolve("loop0");
        Path fifo = dir.resolve("fifo");

        filesystem.mknod(new DeviceNode(nullDevice.toString(), 'c', 0666, 1, 3, 1000, 1001));
        filesystem.mknod(new DeviceNode(loop.toString(), 'b', 0660, 7, 0, 0, 0));
        filesystem.mknod(new DeviceNode(fifo.toString(), 'p', 0600, 0, 0, 0, 0));

        assertEquals(JnaDevices.S_IFCHR, mode(nullDevice) & 0170000);
        assertEquals(0x103L, ((Number) Files.getAttribute(nullDevice, "unix:rdev")).longValue());
        assertEquals(1000, Files.getAttribute(nullDevice, "unix:uid"));
        assertEquals(1001, Files.getAttribute(nullDevice, "unix:gid"));
        assertEquals(JnaDevices.S_IFBLK, mode(loop) & 0170000);
        assertEquals(0x700L, ((Number) Files.getAttribute(loop, "unix:rdev")).longValue());
        assertEquals(JnaDevices.S_IFIFO, mode(fifo) & 0170000);
    }

    @Test
    void chownChangesOwnerAndGroup() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));

        filesystem.chown(file.toString(), 1234, 4321);

        assertEquals(1234, Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(4321, Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    /** A node made beneath a root has its numbers, exactly its mode whatever the umask, and its owner. */
    @Test
    void mknodBeneath_makesTheNodeWithItsModeAndOwner_andSymlinkAndRemoveBeneathWork() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/dev")).getParent();
        Files.writeString(root.resolve("dev/ptmx"), "the image's");
        filesystem.mknodBeneath(root.toString(), new DeviceNode(root.resolve("dev/null").toString(), 'c', 0666, 1, 3, 1000, 1001));
        filesystem.removeBeneath(root.toString(), root.resolve("dev/ptmx").toString());
        filesystem.symlinkBeneath(root.toString(), "pts/ptmx", root.resolve("dev/ptmx").toString());
        Path made = root.resolve("dev/null");
        assertEquals(java.util.List.of(0020666, 0x103L, 1000, 1001, "pts/ptmx"), java.util.List.of(
                ((Number) Files.getAttribute(made, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue(),
                ((Number) Files.getAttribute(made, "unix:rdev")).longValue(),
                Files.getAttribute(made, "unix:uid"), Files.getAttribute(made, "unix:gid"),
                Files.readSymbolicLink(root.resolve("dev/ptmx")).toString()));
    }

    /**
     * CVE-2021-30465's race for the /dev entries: the container's /dev, on a volume another container shares,
     * became a link to a host directory after the runtime resolved it. By path (a naive runtime's, done here
     * first on a copy to show it), the node, the link and the removal land in the host's directory; beneath the
     * root each is ELOOP and the host's directory is untouched.
     */
    @Test
    void beneathARoot_aDevSwappedForALinkToTheHostIsRefused_whereByPathItReachedTheHost() throws Exception {
        Path host = Files.createDirectory(dir.resolve("host"));
        Files.writeString(host.resolve("ptmx"), "the host's");
        Path naive = Files.createDirectory(dir.resolve("naive"));
        Files.createSymbolicLink(naive.resolve("dev"), host);
        filesystem.remove(naive.resolve("dev/ptmx").toString());
        filesystem.mknod(new DeviceNode(naive.resolve("dev/null").toString(), 'c', 0666, 1, 3, 1000, 1001));
        boolean reachedHost = !Files.exists(host.resolve("ptmx")) && Files.exists(host.resolve("null"));
        Files.delete(host.resolve("null"));
        Files.writeString(host.resolve("ptmx"), "the host's");

        Path root = Files.createDirectory(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("dev"), host);
        java.util.List<Errno> refused = java.util.List.of(
                assertThrows(SyscallException.class, () -> filesystem.removeBeneath(root.toString(),
                        root.resolve("dev/ptmx").toString())).errno(),
                assertThrows(SyscallException.class, () -> filesystem.mknodBeneath(root.toString(),
                        new DeviceNode(root.resolve("dev/null").toString(), 'c', 0666, 1, 3, 1000, 1001))).errno(),
                assertThrows(SyscallException.class, () -> filesystem.symlinkBeneath(root.toString(), "/proc/self/fd",
                        root.resolve("dev/fd").toString())).errno());

        assertTrue(reachedHost, "by path, the removal and the node reach the host's directory");
        assertEquals(java.util.List.of(Errno.ELOOP, Errno.ELOOP, Errno.ELOOP), refused);
        try (var left = Files.list(host)) {
            assertEquals(java.util.List.of(host.resolve("ptmx")), left.toList());
        }
        assertEquals("the host's", Files.readString(host.resolve("ptmx")));
    }
}
