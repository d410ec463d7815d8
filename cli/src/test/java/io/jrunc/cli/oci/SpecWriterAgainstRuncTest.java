package io.jrunc.cli.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.Spec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real runc to prove {@code jrunc spec} writes its config.json byte for byte. */
@EnabledIf("runcIsInstalled")
class SpecWriterAgainstRuncTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    static boolean runcIsInstalled() {
        return runc().isPresent();
    }

    private static Optional<Path> runc() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(p -> !p.isEmpty()).map(p -> Path.of(p, "runc"));
        return Stream.concat(Stream.of(Path.of("/usr/sbin/runc")), onPath).filter(Files::isExecutable).findFirst();
    }

    private String runcSpec(String... extra) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(runc().orElseThrow().toString(), "spec", "--bundle", dir.toString()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        return Files.readString(dir.resolve("config.json"));
    }

    /** runc writes the spec version it was built against; jrunc writes its own. Compare everything else. */
    private static Spec asRuncVersion(Spec spec, String runcJson) throws IOException {
        return spec.toBuilder().ociVersion(MAPPER.readTree(runcJson).get("ociVersion").textValue()).build();
    }

    @Test
    void theDefaultSpecIsExactlyWhatRuncSpecWrites() throws Exception {
        String runc = runcSpec();
        String ours = SpecWriter.write(asRuncVersion(DefaultSpecs.runc(), runc));
        assertEquals(MAPPER.readTree(runc), MAPPER.readTree(ours));
        assertEquals(runc, ours);
    }

    @Test
    void theRootlessSpecIsExactlyWhatRuncSpecRootlessWrites() throws Exception {
        String runc = runcSpec("--rootless");
        long uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        long gid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:gid")).longValue();
        String ours = SpecWriter.write(asRuncVersion(DefaultSpecs.rootless(uid, gid), runc));
        assertEquals(MAPPER.readTree(runc), MAPPER.readTree(ours));
        assertEquals(runc, ours);
    }
}
