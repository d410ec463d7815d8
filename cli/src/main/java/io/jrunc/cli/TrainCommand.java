package io.jrunc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.JsonTrees;
import io.jrunc.cli.oci.SpecWriter;
import io.jrunc.domain.config.DefaultSpecs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jrunc aot-train}: the workload the launcher records the JDK's ahead-of-time cache from (JEP 483/514),
 * once per build. The FFM backend's downcalls linked and, as root, real containers run, created, listed and
 * deleted (elsewhere a dry run of the same on the fake backend) load and link the classes that every command
 * needs, and resolve their lambdas, so later starts skip most of that work. It prints what it ran.
 */
final class TrainCommand implements Callable<Integer>, Subcommand {
    private static final String REAL_DONE = "run, created and deleted";

    private CommandSpec spec;

    @Override
    public CommandSpec spec(RuntimeCommand root) {
        spec = CommandDeclaration.of(this, "record the start-up cache's workload (internal)").hidden().spec();
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter report = spec.commandLine().getOut();
        // The FFM backend's downcalls, linked here, put the FFM API's own classes into the cache.
        FfmPrelink.now();
        // Not Files.createTempDirectory: its SecureRandom would put ~70 classes into the cache that no
        // command uses. A 64-bit random name and mkdir(2), which refuses what is there, are as safe in /tmp.
        Path dir = Files.createDirectory(Path.of(System.getProperty("java.io.tmpdir"), "jrunc-train-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            // Every class the workload loads is in the cache and loaded at every start, used or not (the
            // dry run's fake kernel and its commands add 250 classes), so it trains what engines call:
            // real containers where it can, the dry run where it cannot.
            String real = canRunContainers() ? realContainer(dir) : "skipped (needs root)";
            if (!real.equals(REAL_DONE)) {
                dryRun(dir);
                report.println("dry run: done");
            }
            report.println("real container: " + real);
            return ExitCodes.OK;
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void dryRun(Path dir) throws IOException {
        Path bundle = dir.resolve("bundle");
        Files.createDirectories(bundle.resolve("rootfs/bin"));
        Files.writeString(bundle.resolve("config.json"), SpecWriter.write(DefaultSpecs.runc()));
        String root = dir.resolve("state").toString();
        PrintWriter sink = new PrintWriter(new StringWriter());
        String b = bundle.toString();
        Main.execute(new String[] {"--backend", "fake", "run", "--bundle", b, "train"}, sink, sink);
        Main.execute(new String[] {"--backend", "fake", "create", "--bundle", b, "--pid-file",
            dir.resolve("pid").toString(), "train"}, sink, sink);
        Main.execute(new String[] {"--root", root, "list", "--format", "json"}, sink, sink);
        Main.execute(new String[] {"--root", root, "state", "train"}, sink, sink);
        Main.execute(new String[] {"--root", root, "delete", "--force", "train"}, sink, sink);
    }

    /** Root, with jrunc-init built: what a real create needs. */
    private static boolean canRunContainers() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of(InitProgram.path()));
    }

    /**
     * Real containers on the default backend, so that the cgroup code, the init thread's plan, start, the
     * wait and the backend's native calls are in the cache. One is run; another is created, its state read, a
     * process exec'd into it, listed and deleted by force. Their program is a copy of jrunc-init given a sync fd that is not open, so
     * it ends at once, with status 1 and without a word. On a host that cannot run them the dry run trains
     * instead; delete --force removes whatever create made. Returns what happened, for the report.
     */
    private static String realContainer(Path dir) throws IOException {
        Path bundle = dir.resolve("real");
        Path program = bundle.resolve("rootfs/bin/sh");
        Files.createDirectories(program.getParent());
        Files.copy(Path.of(InitProgram.path()), program);
        ObjectNode config = (ObjectNode) SpecWriter.tree(DefaultSpecs.runc());
        ObjectNode process = (ObjectNode) config.get("process");
        // What this build refuses rather than half-applies (docs/supported.md) is left out.
        process.put("terminal", false);
        process.remove("capabilities");
        process.putArray("args").add("sh").add("999");
        Files.write(bundle.resolve("config.json"), JsonTrees.write(config, null));
        String root = dir.resolve("real-state").toString();
        String id = "jrunc-aot-train-" + ProcessHandle.current().pid();
        StringWriter errors = new StringWriter();
        PrintWriter err = new PrintWriter(errors);
        PrintWriter sink = new PrintWriter(new StringWriter());
        int ran = Main.execute(new String[] {"--root", root, "run", "--bundle", bundle.toString(), id}, sink, err);
        int created = -1;
        int deleted = -1;
        try {
            String[] create = {"--root", root, "create", "--bundle", bundle.toString(), id};
            created = Main.execute(create, sink, err);
            Main.execute(new String[] {"--root", root, "state", id}, sink, sink);
            // exec, which engines call for every `docker exec` and health check: the same program, ending at once.
            Main.execute(new String[] {"--root", root, "exec", id, "sh", "999"}, sink, sink);
            Main.execute(new String[] {"--root", root, "list"}, sink, sink);
            Main.execute(new String[] {"--root", root, "list", "--format", "json"}, sink, sink);
        } finally {
            deleted = Main.execute(new String[] {"--root", root, "delete", "--force", id}, sink, err);
        }
        err.flush();
        boolean clean = ran == 1 && created == ExitCodes.OK && deleted == ExitCodes.OK && errors.toString().isEmpty();
        return clean ? REAL_DONE : "failed (run: " + ran + "): " + errors.toString().strip();
    }
}
