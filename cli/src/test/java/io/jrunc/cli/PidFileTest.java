package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --pid-file: written whole or not at all, and never through a link planted at its temporary name. */
class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void thePidIsWrittenAndNoTemporaryFileIsLeft() throws IOException {
        CreateCommand.writePidFile(dir.resolve("c.pid"), 1234);

        assertEquals("1234", Files.readString(dir.resolve("c.pid")));
        assertFalse(Files.exists(dir.resolve(".c.pid.tmp")));
    }

    @Test
    void aLinkPlantedAtTheTemporaryNameIsNotFollowed() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim"), "precious");
        Files.createSymbolicLink(dir.resolve(".c.pid.tmp"), victim);

        assertThrows(FileAlreadyExistsException.class, () -> CreateCommand.writePidFile(dir.resolve("c.pid"), 1234));

        assertEquals("precious", Files.readString(victim));
        assertFalse(Files.exists(dir.resolve("c.pid")));
    }
}
