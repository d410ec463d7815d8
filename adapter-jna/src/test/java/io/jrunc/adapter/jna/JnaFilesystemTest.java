package io.jrunc.adapter.jna;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Filesystem port does without privileges, in a temporary directory. */
class JnaFilesystemTest {
    private static final int O_NONBLOCK = 04000;

    private final JnaFilesystem filesystem = new JnaFilesystem();

    @TempDir
    Path dir;

    @Test
    void mkdirsCreatesEveryMissingParentAndAcceptsWhatExists() {
        Path deep = dir.resolve("a/b/c");

        filesystem.mkdirs(deep.toString(), 0700);
        filesystem.mkdirs(deep.toString(), 0700);

        assertTrue(filesystem.isDirectory(deep.toString()));
        assertEquals(Errno.EEXIST, assertThrows(SyscallException.class, () -> {
            Files.writeString(dir.resolve("file"), "");
            filesystem.mkdirs(dir.resolve("file/x").toString(), 0700);
        }).errno());
    }

    @Test
    void touchCreatesAnEmptyFileAndNeverTruncates() throws Exception {
        Path file = dir.resolve("f");
        filesystem.touch(file.toString(), 0644);
        assertTrue(Files.isRegularFile(file));

        Files.writeString(file, "keep");
        filesystem.touch(file.toString(), 0644);

        assertEquals("keep", Files.readString(file));
    }

    @Test
    void symlinkAndRemoveDoNotFollowLinks() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "x");
        Path link = dir.resolve("link");

        filesystem.symlink(target.toString(), link.toString());
        assertEquals(target, Files.readSymbolicLink(link));
        filesystem.remove(link.toString());

        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(target));
    }

    @Test
    void removeTakesFilesAndEmptyDirectoriesAndIgnoresWhatIsMissing() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("x"), "");

        filesystem.remove(empty.toString());
        filesystem.remove(dir.resolve("missing").toString());

        assertFalse(Files.exists(empty));
        assertEquals(Errno.ENOTEMPTY, assertThrows(SyscallException.class, () -> filesystem.remove(full.toString())).errno());
    }

    @Test
    void removeTreeDeletesLinksNotWhatTheyPointAt() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "x");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file"), "x");
        Files.createSymbolicLink(dir.resolve("tree/a/link"), outside);
        filesystem.mkfifo(dir.resolve("tree/fifo").toString(), 0600);

        filesystem.removeTree(dir.resolve("tree").toString());
        filesystem.removeTree(dir.resolve("tree").toString());

        assertFalse(Files.exists(dir.resolve("tree"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("precious")));
    }

    @Test
    void isExecutableWantsARegularFileWithAnExecuteBit() throws Exception {
        Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\n");
        Path plain = Files.writeString(dir.resolve("plain"), "");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertTrue(filesystem.isExecutable(script.toString()));
        assertFalse(filesystem.isExecutable(dir.toString()));
        assertFalse(filesystem.isExecutable(dir.resolve("missing").toString()));
        if (!JnaTestChild.isRoot()) { // root may execute anything with some x bit, and reads past the rest
            assertFalse(filesystem.isExecutable(plain.toString()));
        }
    }

    @Test
    void aFifoHandsOverWhatIsWrittenOnceBothEndsAreOpen() throws Exception {
        String fifo = dir.resolve("exec.fifo").toString();
        filesystem.mkfifo(fifo, 0600);
        byte[] message = "0".getBytes(StandardCharsets.UTF_8);

        // threads of their own: the common pool may have a single worker, which the writer blocks
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = threads.submit(() -> filesystem.writeFifo(fifo, message));
            assertThrows(TimeoutException.class, () -> writer.get(200, TimeUnit.MILLISECONDS), "a writer waits for a reader");
            Future<byte[]> reader = threads.submit(() -> filesystem.readFifo(fifo));

            assertArrayEquals(message, reader.get(10, TimeUnit.SECONDS));
            writer.get(10, TimeUnit.SECONDS);
        } finally {
            unblock(fifo);
            threads.shutdown();
        }
    }

    /**
     * A blocked open(2) ignores interrupts; a non-blocking open of each end frees whoever still waits
     * (one with nobody on the other side just fails with ENXIO).
     */
    private static void unblock(String fifo) {
        for (int flags : new int[] {JnaLibc.O_RDONLY, JnaLibc.O_WRONLY}) {
            try {
                JnaFileIo.closeQuietly(JnaFileIo.open(fifo, flags | O_NONBLOCK, 0));
            } catch (SyscallException nobodyWaits) {
                // fine
            }
        }
    }

    @Test
    void chdirToAMissingDirectoryIsEnoent() {
        SyscallException e = assertThrows(SyscallException.class, () -> filesystem.chdir(dir.resolve("missing").toString()));

        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("chdir " + dir.resolve("missing") + ": no such file or directory", e.getMessage());
    }

    @Test
    void mkfifoOverAnExistingFileIsEexist() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "");

        assertEquals(Errno.EEXIST, assertThrows(SyscallException.class, () -> filesystem.mkfifo(file.toString(), 0600)).errno());
    }
}
