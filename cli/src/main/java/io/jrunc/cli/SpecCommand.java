package io.jrunc.cli;

import io.jrunc.cli.oci.SpecWriter;
import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jrunc spec}: writes the config.json runc spec writes, into the bundle directory. */
public class SpecCommand implements Callable<Integer>, Subcommand {
    static final String CONFIG = "config.json";

    CommandSpec commandSpec;
    Path bundle;
    boolean rootless;

    public SpecCommand() {}

    /** Its model alone, named as under the root: `spec` reads no global flag. */
    CommandSpec spec() {
        commandSpec = CommandDeclaration.of(this, "write a config.json to start a bundle from")
                .description("""
                        Writes runc's default config.json into the bundle's directory: a container that runs sh in
                        the root filesystem rootfs next to it. An existing config.json is left as it is, and the
                        command fails. Edit the file to run something else.""")
                .option("-b", "--bundle").label("DIR")
                .description("the bundle's directory (default: the current directory)")
                .into(Path.class, Path.of(""), v -> bundle = v)
                .option("--rootless").description("a config for a container that an unprivileged user runs")
                .flag(v -> rootless = v)
                .spec();
        commandSpec.name("spec");
        return commandSpec;
    }

    @Override
    public CommandSpec spec(RuntimeCommand root) {
        return spec();
    }

    @Override
    public Integer call() {
        Path dir = bundle.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            return fail("bundle " + bundle + " is not a directory");
        }
        Path config = dir.resolve(CONFIG);
        // runc's wording, so scripts that match on it keep working.
        if (Files.exists(config)) {
            return fail("File " + CONFIG + " exists. Remove it first");
        }
        try {
            Spec spec = rootless ? DefaultSpecs.rootless(effectiveId("unix:uid"), effectiveId("unix:gid"))
                    : DefaultSpecs.runc();
            writeAtomically(config, SpecWriter.write(spec));
        } catch (IOException e) {
            return fail("cannot write " + config + ": " + e.getMessage());
        }
        return 0;
    }

    /** A reader never sees half a config: write a temp file beside it, then rename it into place. */
    private static void writeAtomically(Path config, String json) throws IOException {
        Path tmp = Files.createTempFile(config.getParent(), "." + CONFIG, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try {
            Files.write(tmp, json.getBytes(StandardCharsets.UTF_8));
            // createTempFile's mode is filtered by the umask; runc writes 0644 whatever the umask is.
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, config, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The effective uid/gid, as runc's {@code os.Geteuid()}: the kernel makes /proc/self owned by them, which
     * spares a native call in a command that otherwise needs none.
     */
    private static long effectiveId(String attribute) throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), attribute)).longValue();
    }

    private int fail(String message) {
        commandSpec.commandLine().getErr().println(message);
        return 1;
    }
}
