package io.jrunc.cli.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a failed create must not leave behind, as the tests look for it. */
final class LeftBehind {
    private LeftBehind() {
    }

    /** Children of this JVM (the CLI runs in it) still running jrunc-init: a container's init left over. */
    static List<Long> inits() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(LeftBehind::isInit).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** jrunc-init runs from a sealed copy of itself: its exe reads "/memfd:jrunc-init (deleted)". */
    static boolean isInit(String command) {
        return command.endsWith("/jrunc-init") || command.startsWith("/memfd:jrunc-init");
    }

    /** Whether a live thread of this JVM has that name (the runtime's init thread is "init-ID"). */
    static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }

    /** The cgroups named after a container left in any hierarchy (its default cgroup is /ID in each). */
    static List<Path> cgroups(String id) throws IOException {
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            return hierarchies.map(h -> h.resolve(id)).filter(Files::exists).toList();
        }
    }

    /** How many sockets this JVM holds open. */
    static long sockets() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed while listed
                }
            }).count();
        }
    }
}
