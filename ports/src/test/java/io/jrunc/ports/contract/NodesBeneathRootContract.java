package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.Filesystem;
import io.jrunc.ports.model.DeviceNode;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Filesystem#mknodBeneath}, {@link Filesystem#symlinkBeneath} and {@link Filesystem#removeBeneath} on the
 * real kernel, as root, written once for both native backends: what the container's /dev entries are made with.
 */
@Tag("root")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class NodesBeneathRootContract {
    @TempDir
    protected Path dir;

    protected abstract Filesystem filesystem();

    /** A node made beneath a root has its numbers, exactly its mode whatever the umask, and its owner. */
    @Test
    void mknodBeneath_makesTheNodeWithItsModeAndOwner_andSymlinkAndRemoveBeneathWork() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/dev")).getParent();
        Files.writeString(root.resolve("dev/ptmx"), "the image's");
        filesystem().mknodBeneath(root.toString(), new DeviceNode(root.resolve("dev/null").toString(), 'c', 0666, 1, 3, 1000, 1001));
        filesystem().removeBeneath(root.toString(), root.resolve("dev/ptmx").toString());
        filesystem().symlinkBeneath(root.toString(), "pts/ptmx", root.resolve("dev/ptmx").toString());
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
        filesystem().remove(naive.resolve("dev/ptmx").toString());
        filesystem().mknod(new DeviceNode(naive.resolve("dev/null").toString(), 'c', 0666, 1, 3, 1000, 1001));
        boolean reachedHost = !Files.exists(host.resolve("ptmx")) && Files.exists(host.resolve("null"));
        Files.delete(host.resolve("null"));
        Files.writeString(host.resolve("ptmx"), "the host's");

        Path root = Files.createDirectory(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("dev"), host);
        java.util.List<Errno> refused = java.util.List.of(
                assertThrows(SyscallException.class, () -> filesystem().removeBeneath(root.toString(),
                        root.resolve("dev/ptmx").toString())).errno(),
                assertThrows(SyscallException.class, () -> filesystem().mknodBeneath(root.toString(),
                        new DeviceNode(root.resolve("dev/null").toString(), 'c', 0666, 1, 3, 1000, 1001))).errno(),
                assertThrows(SyscallException.class, () -> filesystem().symlinkBeneath(root.toString(), "/proc/self/fd",
                        root.resolve("dev/fd").toString())).errno());

        assertTrue(reachedHost, "by path, the removal and the node reach the host's directory");
        assertEquals(java.util.List.of(Errno.ELOOP, Errno.ELOOP, Errno.ELOOP), refused);
        try (var left = Files.list(host)) {
            assertEquals(java.util.List.of(host.resolve("ptmx")), left.toList());
        }
        assertEquals("the host's", Files.readString(host.resolve("ptmx")));
    }
}
