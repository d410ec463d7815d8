package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.ports.model.DeviceNode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Device nodes, ownership and rm -rf across a mount, in a temporary directory. */
@Tag("root")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FfmFilesystemRootTest {
    private static final int S_IFMT = 0170000;
    private final FfmFilesystem fs = new FfmFilesystem();
    @TempDir
    Path dir;

    private static int attribute(Path path, String name) throws Exception {
        return ((Number) Files.getAttribute(path, "unix:" + name, LinkOption.NOFOLLOW_LINKS)).intValue();
    }

    @Test
    void mknod_makesACharacterDevice_withItsNumbersModeAndOwner() throws Exception {
        Path null2 = dir.resolve("null");
        fs.mknod(new DeviceNode(null2.toString(), 'c', 0666, 1, 3, 1000, 1001));
        assertEquals(0020000, attribute(null2, "mode") & S_IFMT);
        assertEquals(FfmFilesystem.makedev(1, 3), ((Number) Files.getAttribute(null2, "unix:rdev")).longValue());
        assertEquals(1000, attribute(null2, "uid"));
        assertEquals(1001, attribute(null2, "gid"));
    }

    @Test
    void mknod_makesBlockDevicesAndFifos() throws Exception {
        Path block = dir.resolve("loop");
        Path fifo = dir.resolve("fifo");
        fs.mknod(new DeviceNode(block.toString(), 'b', 0600, 7, 300, 0, 0));
        fs.mknod(new DeviceNode(fifo.toString(), 'p', 0600, 0, 0, 0, 0));
        assertEquals(0060000, attribute(block, "mode") & S_IFMT);
        assertEquals(FfmFilesystem.makedev(7, 300), ((Number) Files.getAttribute(block, "unix:rdev")).longValue());
        assertEquals(0010000, attribute(fifo, "mode") & S_IFMT);
    }

    @Test
    void chown_changesOwnerAndGroup() throws Exception {
        Path file = Files.createFile(dir.resolve("owned"));
        fs.chown(file.toString(), 123, 456);
        assertEquals(123, attribute(file, "uid"));
        assertEquals(456, attribute(file, "gid"));
    }
}
