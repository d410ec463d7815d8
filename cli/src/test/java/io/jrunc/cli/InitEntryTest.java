package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The init's own argument reader: the one form create writes, and a clear refusal of anything else. */
class InitEntryTest {
    @TempDir
    Path tmp;

    private record Outcome(int status, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        int status = InitEntry.run(args, new PrintWriter(err, true));
        return new Outcome(status, err.toString());
    }

    @Test
    void onlyTheBackendThenInitIsTheInit() {
        assertTrue(InitEntry.isInit(new String[] {"--backend=ffm", "init", "--bundle=/b"}));
        assertFalse(InitEntry.isInit(new String[] {"init", "--bundle=/b"}));
        assertFalse(InitEntry.isInit(new String[] {"--backend=ffm", "create", "init"}));
        assertFalse(InitEntry.isInit(new String[] {"--root", "/run/x", "init"}));
    }

    @Test
    void anUnknownFlagIsNamed() {
        Outcome o = run("--backend=fake", "init", "--bundle=/b", "--bogus=1");
        assertEquals(ExitCodes.USAGE, o.status);
        assertTrue(o.err.contains("init: unknown flag --bogus=1"), o.err);
    }

    @Test
    void aMissingRequiredFlagIsNamed() {
        Outcome o = run("--backend=fake", "init", "--bundle=/b", "--state-dir=/s", "--fifo-fd=3");
        assertEquals(ExitCodes.USAGE, o.status);
        assertTrue(o.err.contains("--sync-fd"), o.err);
    }

    @Test
    void aFileDescriptorMustBeANumber() {
        Outcome o = run("--backend=fake", "init", "--bundle=/b", "--state-dir=/s", "--fifo-fd=three", "--sync-fd=4");
        assertEquals(ExitCodes.USAGE, o.status);
        assertTrue(o.err.contains("flag --fifo-fd: not a file descriptor number: three"), o.err);
    }

    @Test
    void anUnknownBackendIsNamed() {
        Outcome o = run("--backend=zzz", "init", "--bundle=/b");
        assertEquals(ExitCodes.USAGE, o.status);
        assertTrue(o.err.contains("--backend: unknown backend"), o.err);
    }

    @Test
    void aStateDirectoryWithoutTheSavedConfigFailsAndSaysSo() {
        Outcome o = run("--backend=fake", "init", "--bundle=" + tmp, "--state-dir=" + tmp.resolve("state"),
                "--fifo-fd=3", "--sync-fd=4");
        assertEquals(ExitCodes.ERROR, o.status);
        assertTrue(o.err.contains("init: cannot read the container's config"), o.err);
    }

    @Test
    void aSavedConfigThatIsNotValidIsRefusedWithTheField() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Files.writeString(state.resolve(io.jrunc.domain.lifecycle.StateFiles.CONFIG), "{\"ociVersion\":\"1.2.1\",\"process\":{\"cwd\":\"relative\"}}");
        Outcome o = run("--backend=fake", "init", "--bundle=" + tmp, "--state-dir=" + state, "--fifo-fd=3", "--sync-fd=4");
        assertEquals(ExitCodes.ERROR, o.status);
        assertTrue(o.err.contains("level=error"), o.err);
    }
}
