package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failing command logs what runc logs, where runc logs it: the containerd shim reads the last JSON error line
 * of --log's file, podman what reaches stderr. Each case runs runc 1.1.5 itself on the same command line, where
 * runc is installed, and compares byte for byte but for the time and the program's name; without runc, the
 * lines are checked against the form runc's logrus gives them.
 */
class RuncLogTest {
    private static final Pattern TEXT_TIME = Pattern.compile("time=\"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d))\"");
    private static final Pattern JSON_TIME = Pattern.compile("\"time\":\"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d))\"");

    @TempDir
    Path dir;

    /** What one program did: its exit status, its stderr and its log file (empty when none was written). */
    record Outcome(int status, String stderr, String log) {
        /** With the time and the program's name made the same for both. */
        Outcome normalized() {
            return new Outcome(status, normalize(stderr), normalize(log));
        }

        private static String normalize(String s) {
            String named = s.replace("jrunc create failed", "RUNTIME create failed")
                    .replace("runc create failed", "RUNTIME create failed");
            return JSON_TIME.matcher(TEXT_TIME.matcher(named).replaceAll("time=\"TIME\"")).replaceAll("\"time\":\"TIME\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "text", "none"})
    void aCreateWithoutItsBundleLogsAsRuncDoes(String format) throws Exception {
        List<String> args = new ArrayList<>(List.of("--root", dir.resolve("state").toString()));
        Path log = dir.resolve("log");
        if (!format.equals("none")) {
            args.addAll(List.of("--log", log.toString(), "--log-format", format));
        }
        args.addAll(List.of("create", "--bundle", dir.resolve("no-such-bundle").toString(), "logtest"));

        Outcome jrunc = jrunc(args, log);

        assertEquals(1, jrunc.status());
        String message = "jrunc create failed: chdir " + dir.resolve("no-such-bundle") + ": no such file or directory";
        String line = switch (format) {
            case "json" -> "{\"level\":\"error\",\"msg\":\"" + message + "\",\"time\":\"TIME\"}\n";
            default -> "time=\"TIME\" level=error msg=\"" + message + "\"\n";
        };
        Outcome expected = format.equals("none") ? new Outcome(1, line, "") : new Outcome(1, message + "\n", line);
        assertEquals(normalizedName(expected), jrunc.normalized());
        Files.deleteIfExists(log);

        Optional<Outcome> runc = runc(args, log);
        Assumptions.assumeTrue(runc.isPresent(), "runc is not installed: its form is checked above");
        assertEquals(runc.get().normalized(), jrunc.normalized());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "text"})
    void aMissingContainerLogsAsRuncDoes(String format) throws Exception {
        Path log = dir.resolve("log");
        List<String> args = List.of("--root", dir.resolve("state").toString(), "--log", log.toString(),
                "--log-format", format, "state", "no-such-container");

        Outcome jrunc = jrunc(args, log);

        assertEquals(1, jrunc.status());
        assertEquals("container does not exist\n", jrunc.stderr());
        Files.deleteIfExists(log);
        Optional<Outcome> runc = runc(args, log);
        Assumptions.assumeTrue(runc.isPresent(), "runc is not installed");
        assertEquals(runc.get().normalized(), jrunc.normalized());
    }

    private static Outcome normalizedName(Outcome o) {
        return o.normalized();
    }

    private Outcome jrunc(List<String> args, Path log) throws IOException {
        Cli cli = Cli.run(args.toArray(new String[0]));
        assertEquals("", cli.out);
        String written = Files.exists(log) ? Files.readString(log) : "";
        for (String line : (written + cli.err).split("\n")) {
            if (line.contains("time")) {
                assertTrue(TEXT_TIME.matcher(line).find() || JSON_TIME.matcher(line).find(), "Go's RFC 3339: " + line);
            }
        }
        return new Outcome(cli.status, cli.err, written);
    }

    private static Optional<Outcome> runc(List<String> args, Path log) throws Exception {
        Optional<Path> runc = onPath("runc");
        if (runc.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(runc.get().toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, out.length, "runc printed on stdout");
        return Optional.of(new Outcome(process.exitValue(), err, Files.exists(log) ? Files.readString(log) : ""));
    }

    static Optional<Path> onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Optional.of(Path.of(d, program));
            }
        }
        return Optional.empty();
    }
}
