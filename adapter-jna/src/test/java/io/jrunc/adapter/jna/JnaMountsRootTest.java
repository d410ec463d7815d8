package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void aFailedMountSaysWhatWasMountedLikeRunc() {
        SyscallException e = assertThrows(SyscallException.class, () -> onOwnMountNamespace(() -> {
            mounts.mount(MountRequest.of("jrunc-none", dir.resolve("missing").toString(), "tmpfs", Set.of(), ""));
            return "";
        }));

        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("mount src=jrunc-none, dst=" + dir.resolve("missing") + ", type=tmpfs, flags=0: no such file or directory",
                e.getMessage());
    }

    @Test
    void removeTreeLeavesAMountPointAndWhatIsInItAlone() throws Exception {
        Path tree = dir.resolve("tree");
        Path mountPoint = tree.resolve("sub/m");
        Files.createDirectories(mountPoint);
        Files.writeString(tree.resolve("sub/file"), "x");

        String outcome = onOwnMountNamespace(() -> {
            mounts.mount(MountRequest.of("jrunc-keep", mountPoint.toString(), "tmpfs", Set.of(), ""));
            try {
                Files.writeString(mountPoint.resolve("kept"), "x");
                SyscallException e = assertThrows(SyscallException.class, () -> filesystem.removeTree(tree.toString()));
                return e.errno() + " " + Files.exists(mountPoint.resolve("kept")) + " " + Files.exists(tree.resolve("sub/file"));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            } finally {
                mounts.unmount(mountPoint.toString(), true);
            }
        });

        assertEquals("EBUSY true false", outcome);
        filesystem.removeTree(tree.toString());
        assertFalse(Files.exists(tree));
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
}
