package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the Filesystem contract cannot see through the port: the kernel's cwd of a thread with its own fs. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FfmFilesystemTest {
    private final FfmFilesystem fs = new FfmFilesystem();
    @TempDir
    Path dir;

    @Test
    void chdir_changesTheKernelsCwd_ofAThreadWithItsOwnFsStruct() {
        String cwd = FfmDedicatedThread.call("chdir-test", () -> {
            new FfmNamespaces().unshare(Set.of());
            fs.chdir(dir.toString());
            return readCwd();
        });
        assertEquals(dir.toString(), cwd);
    }

    @Test
    void beneathARootALinkSwappedInIsRefusedAndNothingIsMadeWhereItLeads() throws java.io.IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("f"));

        var dirs = org.junit.jupiter.api.Assertions.assertThrows(io.jrunc.ports.model.SyscallException.class,
                () -> fs.mkdirsBeneath(root.toString(), root.resolve("link/x").toString(), 0755));
        var file = org.junit.jupiter.api.Assertions.assertThrows(io.jrunc.ports.model.SyscallException.class,
                () -> fs.touchBeneath(root.toString(), root.resolve("file-link").toString(), 0644));

        assertEquals(io.jrunc.ports.model.Errno.ELOOP, dirs.errno());
        assertEquals(io.jrunc.ports.model.Errno.ELOOP, file.errno());
        try (var made = Files.list(outside)) {
            assertEquals(0, made.count(), "nothing was made through the links");
        }
    }

    private static String readCwd() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self/cwd")).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
