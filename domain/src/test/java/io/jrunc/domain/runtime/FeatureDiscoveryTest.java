package io.jrunc.domain.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.config.SeccompAction;
import io.jrunc.domain.config.SeccompArch;
import io.jrunc.domain.config.SeccompFlag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the host lacks is left out; what the code refuses is left out whatever the host offers. */
class FeatureDiscoveryTest {
    private static final FeatureDiscovery.Managers MANAGERS = new FeatureDiscovery.Managers(true, true, true, false);

    /** A host that offers what it is given. */
    private record Host(boolean available, Set<SeccompArch> archs, Set<SeccompAction> actions,
                        Set<SeccompFlag> flags) implements SeccompHost {
        @Override
        public Optional<String> libseccompVersion() {
            return Optional.of("2.5.4");
        }

        @Override
        public boolean knows(SeccompArch arch) {
            return archs.contains(arch);
        }

        @Override
        public boolean offers(SeccompAction action) {
            return actions.contains(action);
        }

        @Override
        public boolean takes(SeccompFlag flag) {
            return flags.contains(flag);
        }
    }

    private static Features discover(SeccompHost host) {
        return FeatureDiscovery.discover(host, MANAGERS, Map.of("io.jrunc.version", "0"), List.of("org.systemd.property."));
    }

    @Test
    void withoutLibseccompThereIsNoSeccompAndNoLibseccompVersion() {
        Features f = discover(new Host(false, Set.of(SeccompArch.values()), Set.of(SeccompAction.values()),
                Set.of(SeccompFlag.values())));
        assertTrue(f.linux().seccomp().isEmpty());
        assertEquals(Map.of("io.jrunc.version", "0"), f.annotations());
    }

    @Test
    void theHostNarrowsArchitecturesActionsAndSupportedFlags() {
        Features f = discover(new Host(true, Set.of(SeccompArch.X86_64, SeccompArch.X86),
                Set.of(SeccompAction.ALLOW, SeccompAction.ERRNO, SeccompAction.NOTIFY), Set.of(SeccompFlag.LOG)));
        Features.Seccomp seccomp = f.linux().seccomp().orElseThrow();
        assertEquals(List.of("SCMP_ARCH_X86", "SCMP_ARCH_X86_64"), seccomp.archs());
        // Only what this host's kernel offers (actions_avail), of what jrunc carries out.
        assertEquals(List.of("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_NOTIFY"), seccomp.actions());
        assertEquals(List.of("SECCOMP_FILTER_FLAG_LOG"), seccomp.supportedFlags());
        assertEquals(SeccompFlag.values().length, seccomp.knownFlags().size());
        assertEquals("2.5.4", f.annotations().get(FeatureDiscovery.LIBSECCOMP_VERSION));
    }

    @Test
    void whatJruncRefusesIsNotAdvertised() {
        Features f = discover(new Host(true, Set.of(SeccompArch.values()), Set.of(SeccompAction.values()),
                Set.of(SeccompFlag.values())));
        for (String refused : Unsupported.in(io.jrunc.domain.config.Spec.builder().ociVersion("1.2.1")
                .hooks(Optional.of(new io.jrunc.domain.config.Hooks(List.of(new io.jrunc.domain.config.Hook(
                        "/bin/true", List.of(), List.of(), java.util.OptionalInt.empty())), List.of(), List.of(),
                        List.of(), List.of(), List.of()))).build())) {
            assertEquals("hooks", refused, "this test knows how hooks are refused today");
            assertFalse(f.hooks().contains("prestart"));
        }
        assertEquals(List.of("org.systemd.property."), f.potentiallyUnsafeConfigAnnotations());
        assertEquals(FeatureDiscovery.OCI_VERSION_MIN, f.ociVersionMin());
        assertEquals(io.jrunc.domain.config.DefaultSpecs.OCI_VERSION, f.ociVersionMax());
        assertTrue(f.mountOptions().contains("rbind") && f.mountOptions().contains("rprivate"));
        assertEquals(f.mountOptions().stream().sorted().toList(), f.mountOptions());
    }
}
