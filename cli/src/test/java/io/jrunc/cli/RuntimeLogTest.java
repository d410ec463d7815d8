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
        assertEquals("time=\"2026-11-23T03:55:25Z\" level=debug msg=loud\n", err.toString());
    }

    @Test
    void aValueOfPlainCharactersIsLeftUnquotedAsLogrusLeavesIt() {
        assertEquals("time=\"2026-11-23T03:55:25Z\" level=warning msg=killed", RuntimeLog.textLine("warning", "killed",
                "2026-11-23T03:55:25Z"));
        assertEquals("msg=", RuntimeLog.textLine("error", "", "t").substring(RuntimeLog.textLine("error", "", "t")
                .indexOf("msg=")));
        assertEquals("\"a\\x01b\\\"c\\r\"", RuntimeLog.value("a\u0001b\"c\r"));
    }

    @Test
    void jsonIsEscapedAsGosEncoderEscapesIt() {
        assertEquals("{\"level\":\"error\",\"msg\":\"\\u003cid\\u003e \\u0026 \\u0001 \\u2028 é\\n\",\"time\":\"t\"}",
                RuntimeLog.jsonLine("error", "<id> & \u0001 \u2028 é\n", "t"));
    }

    @Test
    void theTimeIsRfc3339ToTheSecondInTheClocksZone() {
        StringWriter err = new StringWriter();
        Clock paris = Clock.fixed(Instant.parse("2026-11-23T03:55:25.123456Z"), java.time.ZoneId.of("Europe/Paris"));
        new RuntimeLog(null, true, false, new PrintWriter(err), paris).error("x");
        assertEquals("{\"level\":\"error\",\"msg\":\"x\",\"time\":\"2026-11-23T04:55:25+01:00\"}\n", err.toString());
    }
}
