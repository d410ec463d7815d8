package io.jrunc.cli.systemd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A dbus-daemon of the test's own, on a socket in a temporary directory; stopped by {@link #close()}. */
final class PrivateBus implements AutoCloseable {
    private static final List<String> DAEMONS = List.of("/usr/bin/dbus-daemon", "/bin/dbus-daemon");

    private final Process process;
    private final String address;

    private PrivateBus(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /** Skips the test (an assumption) where dbus-daemon is not installed; .ci installs it. */
    static PrivateBus start(Path directory) throws IOException {
        String daemon = DAEMONS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        Assumptions.assumeTrue(daemon != null, "needs dbus-daemon (apt-get install dbus-daemon)");
        // A path socket, not an abstract one: the JDK's unix domain sockets reach only the former.
        String listen = "unix:path=" + directory.resolve("bus");
        Process process = new ProcessBuilder(daemon, "--session", "--nofork", "--nopidfile", "--print-address",
                "--address=" + listen).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String address = out.readLine();
        if (address == null || address.isBlank()) {
            process.destroyForcibly();
            throw new IOException("dbus-daemon printed no address");
        }
        return new PrivateBus(process, address.strip());
    }

    String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
