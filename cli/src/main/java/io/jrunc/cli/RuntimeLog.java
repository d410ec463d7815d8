package io.jrunc.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * runc's logging, which container engines read back: with --log FILE the entries go to that file, as
 * logrus text ({@code time="…" level=error msg="…"}) or, with --log-format json, as one JSON object a
 * line ({@code {"level":"error","msg":"…","time":"…"}}); an error also goes to stderr as plain text.
 * Without --log, entries go to stderr as text.
 */
final class RuntimeLog {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final boolean json;
    private final boolean debug;
    private final PrintWriter stderr;
    private final Clock clock;

    RuntimeLog(Path file, boolean json, boolean debug, PrintWriter stderr, Clock clock) {
        this.file = file;
        this.json = json;
        this.debug = debug;
        this.stderr = stderr;
        this.clock = clock;
    }

    void error(String message) {
        write("error", message);
        if (file != null) {
            stderr.println(message);
            stderr.flush();
        }
    }

    void warn(String message) {
        write("warning", message);
    }

    void debug(String message) {
        if (debug) {
            write("debug", message);
        }
    }

    private void write(String level, String message) {
        String time = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
        String line = json ? jsonLine(level, message, time) : textLine(level, message, time);
        if (file == null) {
            stderr.println(line);
            stderr.flush();
            return;
        }
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            stderr.println("jrunc: cannot write log " + file + ": " + e.getMessage());
            stderr.println(line);
            stderr.flush();
        }
    }

    static String textLine(String level, String message, String time) {
        return "time=\"" + time + "\" level=" + level + " msg=" + quote(message);
    }

    /** logrus quotes a message that holds anything but plain word characters. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\t': b.append("\\t"); break;
                default: b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String jsonLine(String level, String message, String time) {
        Writer out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("level", level);
            g.writeStringField("msg", message);
            g.writeStringField("time", time);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
