package io.jrunc.ports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyUpTest {
    @TempDir
    Path tmp;

    @Test
    void copiesDirectoriesFilesAndLinksWithTheirModesAndNeverFollowsALink() throws Exception {
        Path from = Files.createDirectories(tmp.resolve("from"));
        Path to = Files.createDirectories(tmp.resolve("to"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("host-file"), "host");
        Files.createDirectories(from.resolve("a/b"));
        Files.writeString(from.resolve("a/b/file"), "content");
        Files.setAttribute(from.resolve("a/b/file"), "unix:mode", 0604);
        Files.setAttribute(from.resolve("a"), "unix:mode", 0711);
        Files.createSymbolicLink(from.resolve("escape"), outside);

        CopyUp.copy(from, to);

        assertEquals("content", Files.readString(to.resolve("a/b/file")));
        assertEquals(0604, mode(to.resolve("a/b/file")));
        assertEquals(0711, mode(to.resolve("a")));
        assertTrue(Files.isSymbolicLink(to.resolve("escape")));
        assertEquals(outside, Files.readSymbolicLink(to.resolve("escape")));
        try (var left = Files.list(outside)) {
            assertEquals(1, left.count(), "nothing was copied through the link");
        }
    }

    @Test
    void aTargetThatIsNotEmptyIsAnError() throws Exception {
        Path from = Files.createDirectories(tmp.resolve("from"));
        Path to = Files.createDirectories(tmp.resolve("to"));
        Files.writeString(from.resolve("f"), "x");
        Files.writeString(to.resolve("f"), "already");

        SyscallException e = org.junit.jupiter.api.Assertions.assertThrows(SyscallException.class,
                () -> CopyUp.copy(from, to));
        assertEquals("copyup", e.syscall());
    }

    private static int mode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
