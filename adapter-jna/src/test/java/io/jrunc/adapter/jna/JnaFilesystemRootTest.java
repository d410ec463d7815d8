package io.jrunc.adapter.jna;

import io.jrunc.ports.model.DeviceNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
