package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T03:55:25Z"), ZoneOffset.UTC);

    @Test
    void withoutALogFileAnErrorIsOneLogrusTextLineOnStderr() {
        StringWriter err = new StringWriter();
        new RuntimeLog(null, false, false, new PrintWriter(err), CLOCK).error("container does not exist");
        assertEquals("time=\"2026-11-23T03:55:25Z\" level=error msg=\"container does not exist\"\n", err.toString());
    }

    @Test
    void withAJsonLogFileTheErrorIsAJsonLineThereAndPlainTextOnStderr(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log.json");
        StringWriter err = new StringWriter();
        new RuntimeLog(log, true, false, new PrintWriter(err), CLOCK).error("say \"hi\"\nthere");
        assertEquals("say \"hi\"\nthere\n", err.toString());
        String line = Files.readString(log);
        assertEquals(Map.of("level", "error", "msg", "say \"hi\"\nthere", "time", "2026-11-23T03:55:25Z"),
                new ObjectMapper().readValue(line, Map.class));
        assertEquals(1, line.lines().count());
    }

    @Test
    void debugLinesAppearOnlyWithDebug() {
        StringWriter err = new StringWriter();
        new RuntimeLog(null, false, false, new PrintWriter(err), CLOCK).debug("quiet");
        new RuntimeLog(null, false, true, new PrintWriter(err), CLOCK).debug("loud");
        assertEquals("time=\"2026-11-23T03:55:25Z\" level=debug msg=\"loud\"\n", err.toString());
    }
}
