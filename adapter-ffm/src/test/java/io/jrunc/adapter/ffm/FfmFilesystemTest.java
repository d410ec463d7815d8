package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** File operations in a temporary directory that need no privilege. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FfmFilesystemTest {
    private final FfmFilesystem fs = new FfmFilesystem();
    @TempDir
    Path dir;

    @Test
    void chdir_toAMissingDirectory_isENOENT() {
        var e = assertThrows(SyscallException.class, () -> fs.chdir(dir.resolve("missing").toString()));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("chdir " + dir.resolve("missing") + ": no such file or directory", e.getMessage());
    }

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

    @Test
    void mkdirs_createsEveryMissingDirectory_withTheMode() throws Exception {
        Path deep = dir.resolve("a/b/c");
        fs.mkdirs(deep.toString(), 0700);
        fs.mkdirs(deep.toString(), 0700);
        assertTrue(Files.isDirectory(deep));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(deep)));
    }

    @Test
    void mkdirs_throughARegularFile_isENOTDIR() throws Exception {
        Files.createFile(dir.resolve("file"));
        var e = assertThrows(SyscallException.class, () -> fs.mkdirs(dir.resolve("file").toString(), 0755));
        assertEquals(Errno.ENOTDIR, e.errno());
    }

    @Test
    void touch_createsAnEmptyFile_andLeavesAnExistingOneAsItIs() throws Exception {
        Path file = dir.resolve("touched");
        fs.touch(file.toString(), 0644);
        assertTrue(Files.isRegularFile(file));
        Files.writeString(file, "kept");
        fs.touch(file.toString(), 0644);
        assertEquals("kept", Files.readString(file));
    }

    @Test
    void symlink_pointsAtItsTarget_andRemoveUnlinksTheLinkNotTheTarget() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "t");
        Path link = dir.resolve("link");
        fs.symlink(target.toString(), link.toString());
        assertEquals(target, Files.readSymbolicLink(link));
        fs.remove(link.toString());
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(target));
    }

    @Test
    void remove_takesFilesAndEmptyDirectories_andIgnoresWhatIsNotThere() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        Path sub = Files.createDirectory(dir.resolve("d"));
        fs.remove(file.toString());
        fs.remove(sub.toString());
        fs.remove(dir.resolve("never").toString());
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(sub));
    }

    @Test
    void remove_ofANonEmptyDirectory_isENOTEMPTY() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("d"));
        Files.createFile(sub.resolve("f"));
        var e = assertThrows(SyscallException.class, () -> fs.remove(sub.toString()));
        assertEquals(Errno.ENOTEMPTY, e.errno());
    }

    @Test
    void removeTree_removesSymlinksWithoutFollowingThem() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createFile(outside.resolve("precious"));
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.createFile(tree.resolve("file"));
        Files.createSymbolicLink(dir.resolve("tree/a/link"), outside);
        fs.removeTree(dir.resolve("tree").toString());
        fs.removeTree(dir.resolve("tree").toString());
        assertFalse(Files.exists(dir.resolve("tree")));
        assertTrue(Files.exists(outside.resolve("precious")));
    }

    @Test
    void isExecutable_onlyForRegularFilesWithAnExecuteBit() throws Exception {
        assertTrue(fs.isExecutable("/bin/sh"));
        Path plain = Files.createFile(dir.resolve("plain"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        assertFalse(fs.isExecutable(plain.toString()));
        assertFalse(fs.isExecutable(dir.toString()));
        assertFalse(fs.isExecutable(dir.resolve("missing").toString()));
    }

    @Test
    void aFifo_handsBytesFromAWriterThreadToAReaderThread() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        fs.mkfifo(fifo.toString(), 0600);
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.PosixFileAttributes.class).isOther());
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> fs.readFifo(fifo.toString()));
        fs.writeFifo(fifo.toString(), "0".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("0".getBytes(StandardCharsets.UTF_8), read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void existsAndIsDirectory_seeDanglingSymlinksAsThere() throws Exception {
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing"));
        assertTrue(fs.exists(dangling.toString()));
        assertFalse(fs.isDirectory(dangling.toString()));
        assertTrue(fs.isDirectory(dir.toString()));
    }
}
