package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without privilege: a mount point is simulated by naming a directory in the mount point set. */
class TreeRemovalTest {
    @TempDir
    Path dir;

    @Test
    void removesEverythingBelow_followingNoSymlink_andAgainIsNoError() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "x");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file"), "x");
        Files.createSymbolicLink(dir.resolve("tree/a/link"), outside);

        TreeRemoval.remove(dir.resolve("tree"), Set.of());
        TreeRemoval.remove(dir.resolve("tree"), Set.of());

        assertFalse(Files.exists(dir.resolve("tree"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("precious")));
    }

    @Test
    void aMountPointInsideIsNotEntered_theRestGoes_andItIsEBUSY() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tree/sub/m"));
        Files.writeString(mount.resolve("kept"), "x");
        Files.writeString(dir.resolve("tree/sub/file"), "x");

        var e = assertThrows(SyscallException.class, () -> TreeRemoval.remove(dir.resolve("tree"), Set.of(mount)));

        assertEquals("rmdir " + mount + ": device or resource busy", e.getMessage());
        assertTrue(Files.exists(mount.resolve("kept")));
        assertFalse(Files.exists(dir.resolve("tree/sub/file")));
    }

    @Test
    void aFileIsRemovedAsItIs() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");

        TreeRemoval.remove(file, Set.of());

        assertFalse(Files.exists(file));
    }

    @Test
    void nioExceptionsMapToTheirErrno() {
        assertEquals(Errno.ENOENT, TreeRemoval.errno(new NoSuchFileException("/x")));
        assertEquals(Errno.EACCES, TreeRemoval.errno(new AccessDeniedException("/x")));
        assertEquals(Errno.ENOTEMPTY, TreeRemoval.errno(new DirectoryNotEmptyException("/x")));
        assertEquals(Errno.EBUSY, TreeRemoval.errno(new FileSystemException("/x", null, "Device or resource busy")));
        assertEquals(Errno.EIO, TreeRemoval.errno(new FileSystemException("/x", null, "something else")));
    }
}
