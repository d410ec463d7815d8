package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SpawnRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs /bin/sh -c in a spawned child and returns what it printed (through a file: it inherits no fds). */
final class FfmTestShell {
    static final List<String> ENV = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private FfmTestShell() {
    }

    static SpawnRequest request(Path out, String script, Set<Namespace> newNamespaces,
                                Map<Namespace, String> join, List<Integer> fds) {
        return new SpawnRequest("/bin/sh", List.of("sh", "-c", "exec >" + out + " 2>&1; " + script), ENV,
                newNamespaces, join, fds);
    }

    static String run(Path dir, String script, Set<Namespace> newNamespaces, Map<Namespace, String> join) {
        Path out = dir.resolve("out-" + RUNS.incrementAndGet());
        FfmProcesses processes = new FfmProcesses();
        int pid = processes.spawn(request(out, script, newNamespaces, join, List.of()));
        ExitStatus status = processes.waitFor(pid);
        String printed = read(out);
        assertEquals(ExitStatus.exited(0), status, printed);
        return printed;
    }

    static String run(Path dir, String script) {
        return run(dir, script, Set.of(), Map.of());
    }

    static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hostname() {
        return read(Path.of("/proc/sys/kernel/hostname"));
    }
}
