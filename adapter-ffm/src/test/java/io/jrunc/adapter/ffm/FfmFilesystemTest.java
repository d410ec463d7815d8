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

    private static String readCwd() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self/cwd")).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
