package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.cli.oci.SpecReader;
import io.jrunc.cli.oci.SpecWriter;
import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.Spec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SpecCommandTest {
    @TempDir
    Path bundle;

    private final StringWriter err = new StringWriter();

    private int spec(String... args) {
        return new CommandLine(new SpecCommand().spec()).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void writesRuncsDefaultSpecWithMode0644() throws Exception {
        assertEquals(0, spec("--bundle", bundle.toString()));
        Path config = bundle.resolve("config.json");
        assertEquals(SpecWriter.write(DefaultSpecs.runc()), Files.readString(config));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertEquals("", err.toString());
        try (var files = Files.list(bundle)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void refusesToOverwriteAnExistingConfigWithRuncsMessage() throws Exception {
        Files.writeString(bundle.resolve("config.json"), "{}");
        assertEquals(1, spec("-b", bundle.toString()));
        assertEquals("File config.json exists. Remove it first", err.toString().strip());
        assertEquals("{}", Files.readString(bundle.resolve("config.json")));
    }

    @Test
    void rootlessWritesAValidSpecWithAUserNamespaceAndNoNetworkNamespace() throws Exception {
        assertEquals(0, spec("--rootless", "--bundle", bundle.toString()));
        var result = SpecReader.read(bundle.resolve("config.json"));
        assertTrue(result.isValid(), () -> result.getError().mkString("\n"));
        Spec spec = result.get();
        assertTrue(spec.linux().orElseThrow().hasNamespace(NamespaceType.USER));
        assertTrue(!spec.linux().orElseThrow().hasNamespace(NamespaceType.NETWORK));
    }

    @Test
    void aBundleThatIsNotADirectoryFails() {
        assertEquals(1, spec("--bundle", bundle.resolve("missing").toString()));
        assertTrue(err.toString().contains("is not a directory"), err.toString());
    }
}
