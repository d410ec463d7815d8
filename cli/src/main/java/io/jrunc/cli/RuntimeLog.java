package io.jrunc.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * runc's logging, which container engines read back, written as runc's logrus writes it: with --log FILE the
 * entries go to that file, as logrus text ({@code time="…" level=error msg="…"}) or, with --log-format json, as
 * one JSON object a line ({@code {"level":"error","msg":"…","time":"…"}}, the keys sorted, as logrus sorts
 * them); an error also goes to stderr as plain text, which is what podman shows. Without --log, entries go to
 * stderr in the chosen format, and an error only once. The time is Go's RFC 3339 in the local zone, to the second.
 */
final class RuntimeLog {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final Path file;
    private final boolean json;
    private final boolean debug;
    private final PrintWriter stderr;
    private final Clock clock;

    /** @param clock the time and zone of the entries: the system's default zone, as Go's time.Now() has it */
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
        String time = RFC3339.format(ZonedDateTime.now(clock));
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
        return "time=" + value(time) + " level=" + value(level) + " msg=" + value(message);
    }

    /**
     * logrus's TextFormatter: a value of only letters, digits and {@code -._/@^+} as it is (an empty one too),
     * any other quoted as Go's %q quotes it.
     */
    static String value(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._/@^+".indexOf(c) >= 0;
        }
        return plain ? s : goQuote(s);
    }

    /** Go's strconv.Quote: the escapes it has names for, other control characters as \xNN, the rest as it is. */
    private static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\u0007' -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\u000b' -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String jsonLine(String level, String message, String time) {
        Writer out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setCharacterEscapes(GoEscapes.INSTANCE);
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

    /**
     * Go's encoding/json, which logrus's JSONFormatter uses with HTML escaping on: {@code <}, {@code >}, {@code &},
     * U+2028 and U+2029 as \\u escapes, and control characters other than \n, \r and \t as lowercase \\u00xx
     * (Jackson's own are uppercase).
     */
    private static final class GoEscapes extends CharacterEscapes {
        static final GoEscapes INSTANCE = new GoEscapes();
        private final int[] table = standardAsciiEscapesForJSON();

        private GoEscapes() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    table[c] = ESCAPE_CUSTOM;
                }
            }
            table['<'] = ESCAPE_CUSTOM;
            table['>'] = ESCAPE_CUSTOM;
            table['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x80 && table[ch] != ESCAPE_CUSTOM && ch != 0x2028 && ch != 0x2029) {
                return null;
            }
            return ch == 0x2028 || ch == 0x2029 || ch < 0x80 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
