package io.jrunc.cli;

import io.jrunc.cli.oci.SpecWriter;
import io.jrunc.domain.config.DefaultSpecs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code jrunc aot-train}: the workload the launcher records the JDK's ahead-of-time cache from (JEP 483/514),
 * once per build. A dry run of create, start and delete, a list on the real backend and the FFM backend's
 * downcalls linked load and link the classes that every command needs, so later starts skip most of that work.
 */
@Command(name = "aot-train", hidden = true, description = "record the start-up cache's workload (internal)")
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        // The FFM backend's downcalls, linked here, put the FFM API's own classes into the cache.
        FfmPrelink.now();
        Path dir = Files.createTempDirectory("jrunc-train");
        try {
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
            return ExitCodes.OK;
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
