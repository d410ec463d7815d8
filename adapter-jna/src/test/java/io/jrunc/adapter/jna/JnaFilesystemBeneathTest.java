package io.jrunc.adapter.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Filesystem contract cannot make the fake do: a link met beneath a root is refused, not followed. */
class JnaFilesystemBeneathTest {
    private final JnaFilesystem fs = new JnaFilesystem();
    @TempDir
    Path dir;

    @Test
    void beneathARootALinkSwappedInIsRefusedAndNothingIsMadeWhereItLeads() throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("f"));

        var dirs = assertThrows(SyscallException.class,
                () -> fs.mkdirsBeneath(root.toString(), root.resolve("link/x").toString(), 0755));
        var file = assertThrows(SyscallException.class,
                () -> fs.touchBeneath(root.toString(), root.resolve("file-link").toString(), 0644));

        assertEquals(Errno.ELOOP, dirs.errno());
        assertEquals(Errno.ELOOP, file.errno());
        try (var made = Files.list(outside)) {
            assertEquals(0, made.count(), "nothing was made through the links");
        }
    }
}
