package io.jrunc.cli.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's cgroup layout, read from /proc/self/mountinfo: v2 (the unified hierarchy at /sys/fs/cgroup),
 * hybrid (v1 controllers there and a cgroup2 mount beside them), v1 (controllers only). The cgroup tests
 * pick their cases from it and print which ran, so a log shows what this host could test.
 */
enum CgroupLayout {
    V1, HYBRID, V2;

    static CgroupLayout of() {
        boolean v1 = false;
        boolean unifiedAtTop = false;
        boolean unifiedElsewhere = false;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] halves = line.split(" - ");
                if (halves.length != 2) {
                    continue;
                }
                String mountPoint = halves[0].split(" ")[4];
                if (halves[1].startsWith("cgroup2 ")) {
                    if (mountPoint.equals("/sys/fs/cgroup")) {
                        unifiedAtTop = true;
                    } else {
                        unifiedElsewhere = true;
                    }
                } else if (halves[1].startsWith("cgroup ")) {
                    v1 = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (unifiedAtTop && !v1) {
            return V2;
        }
        if (v1) {
            return unifiedElsewhere ? HYBRID : V1;
        }
        throw new IllegalStateException("no cgroup hierarchy is mounted");
    }

    /** Whether the v1 controllers are there (memory, pids, freezer … each a hierarchy of its own). */
    boolean hasV1Controllers() {
        return this != V2;
    }

    /** Prints which cgroup tests ran here, and why the others did not. */
    static void announce(String test, String ran) {
        System.err.println(test + ": cgroup layout " + of() + ": " + ran);
    }
}
