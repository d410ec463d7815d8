package io.jrunc.cli;

import io.jrunc.adapter.fake.Call;
import io.jrunc.adapter.fake.FakeKernel;
import io.jrunc.domain.init.InitPlan;
import io.jrunc.domain.init.InitStep;
import io.jrunc.domain.init.StepNames;
import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.MountSpec;
import io.jrunc.ports.Processes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The dry run: create on the fake kernel, then the ordered init plan and every call it caused. The fake
 * is first shown what the host has at the paths the config names (the rootfs, bind sources), so the run
 * takes the same branches a real one would; nothing on the host is changed.
 */
final class DryRun {
    private final FakeKernel kernel;
    private InitPlan plan;
    private List<String> unsupported = List.of();

    private DryRun(FakeKernel kernel) {
        this.kernel = kernel;
    }

    void planned(InitPlan initPlan, List<String> notYet) {
        this.plan = initPlan;
        this.unsupported = List.copyOf(notYet);
    }

    static DryRun prepare(Runtime runtime, LoadedBundle bundle) {
        FakeKernel kernel = (FakeKernel) runtime.get(Processes.class);
        ContainerConfig config = bundle.config();
        mirror(kernel, config.rootfs().path());
        for (MountSpec m : config.rootfs().mounts()) {
            if (m.isBind()) {
                mirror(kernel, m.source());
            }
        }
        // Masked and read-only paths are the kernel's own (/proc/kcore, /sys/firmware …), the same in the
        // container's new /proc as on the host; the init skips what is not there, so the fake is shown
        // those the host has, and the /dev/null a mask binds over a file.
        for (String path : config.maskedPaths()) {
            mirror(kernel, path);
        }
        for (String path : config.readonlyPaths()) {
            mirror(kernel, path);
        }
        mirror(kernel, "/dev/null");
        mirrorProgram(kernel, config);
        return new DryRun(kernel);
    }

    /** The program the init will look up on the container's PATH, if the rootfs has it. */
    private static void mirrorProgram(FakeKernel kernel, ContainerConfig config) {
        List<String> args = config.process().args();
        if (args.isEmpty()) {
            return;
        }
        String path = config.process().env().stream().filter(e -> e.startsWith("PATH=")).reduce((a, b) -> b)
                .map(e -> e.substring(5)).orElse("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        String root = config.rootfs().path();
        List<String> candidates = args.get(0).contains("/") ? List.of(args.get(0))
                : java.util.Arrays.stream(path.split(":")).map(d -> d + "/" + args.get(0))
                        .collect(java.util.stream.Collectors.toList());
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(root + candidate)) && !Files.isDirectory(Path.of(root + candidate))) {
                kernel.addExecutable(root + candidate);
                return;
            }
        }
    }

    /**
     * The unix socket the run will connect to (--console-socket): the fake listens
     * there when the host has a socket file (or a bound abstract name) there, and otherwise is shown what the host
     * has, so the connect fails as the real one would (ENOENT for nothing, ECONNREFUSED for another file). Whether
     * anybody listens on a host's socket file only a connect could tell, which the dry run does not make.
     */
    void mirrorSocket(String path) {
        if (path.startsWith("@") ? abstractNameBound(path) : isSocket(Path.of(path))) {
            kernel.listenUnix(path);
        } else if (!path.startsWith("@")) {
            mirror(kernel, path);
        }
    }

    private static boolean isSocket(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return (mode & 0170000) == 0140000; // S_IFSOCK
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether /proc/net/unix lists a socket bound to the abstract name (its last column, "@name"). */
    private static boolean abstractNameBound(String name) {
        try (var lines = Files.lines(Path.of("/proc/net/unix"))) {
            return lines.anyMatch(line -> line.endsWith(" " + name));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static void mirror(FakeKernel kernel, String path) {
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            kernel.addDirectory(path);
        } else if (Files.exists(p)) {
            kernel.addFile(path);
        }
    }

    /**
     * After start, the init goes on to execve on a thread of its own: {@code run} waits for that call (a
     * few steps, so a bounded wait) to print the whole journal.
     */
    void awaitExec() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (kernel.journalOf(Call.Exec.class).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void print(PrintWriter out) {
        out.println("dry run on the fake backend: nothing on this host was changed");
        if (plan != null) {
            out.println("init plan:");
            int n = 1;
            for (InitStep step : plan.steps()) {
                out.printf("  %2d. %-24s %s%n", n++, StepNames.of(step),
                        step.phase().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        out.println("calls:");
        kernel.journal().forEach(call -> out.println("  " + call));
        if (!unsupported.isEmpty()) {
            out.println("not carried out yet by the real backends: " + String.join(", ", unsupported));
        }
        out.flush();
    }
}
