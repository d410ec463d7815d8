package io.jrunc.cli.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where this host mounts its cgroup2 hierarchy (/sys/fs/cgroup/unified on a hybrid host), if it does. */
final class UnifiedHierarchy {
    private UnifiedHierarchy() {
    }

    static Path mount() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ");
            if (halves.length == 2 && halves[1].startsWith("cgroup2 ")) {
                return Path.of(halves[0].split(" ")[4]);
            }
        }
        return null;
    }
}
