package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.runtime.CapabilitySets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a bundle's config becomes on this host: capabilities the kernel does not know are left out, with runc's warning. */
class LoadedBundleTest {
    private static byte[] configWith(String capability) {
        String json = io.jrunc.cli.oci.SpecWriter.write(DefaultSpecs.runc()).replace("\"CAP_KILL\"", "\"CAP_KILL\", \"" + capability + "\"");
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCapabilityAboveTheKernelsLastIsLeftOutWithRuncsWarning() {
        LoadedBundle loaded = LoadedBundle.fromJson(configWith("CAP_CHECKPOINT_RESTORE"), Path.of("/b"), false, 0, 39)
                .get();

        assertEquals(List.of("ignoring unknown or unavailable capabilities: [CAP_CHECKPOINT_RESTORE]"),
                loaded.warnings());
        CapabilitySets caps = loaded.config().process().capabilities();
        assertEquals(Set.of(5, 10, 29), caps.bounding(), "CAP_KILL, CAP_NET_BIND_SERVICE, CAP_AUDIT_WRITE");
    }

    @Test
    void onAKernelThatKnowsItNothingIsLeftOutOrSaid() {
        LoadedBundle loaded = LoadedBundle.fromJson(configWith("CAP_CHECKPOINT_RESTORE"), Path.of("/b"), false, 0, 40)
                .get();

        assertEquals(List.of(), loaded.warnings());
        assertEquals(Set.of(5, 10, 29, 40), loaded.config().process().capabilities().bounding());
    }
}
