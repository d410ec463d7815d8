package io.jrunc.domain.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.Mount;
import io.jrunc.domain.config.Namespace;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.Spec;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.RlimitResource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecConversionTest {
    private static final String BUNDLE = "/bundles/web";

    @Test
    void runcsDefaultSpecBecomesAContainerWithItsOwnNamespacesAndARelativeRootResolved() {
        ContainerConfig c = SpecConversion.toContainerConfig(DefaultSpecs.runc(), BUNDLE, false);
        assertEquals(BUNDLE + "/rootfs", c.rootfs().path());
        assertTrue(c.rootfs().readonly());
        assertEquals(Set.of(io.jrunc.ports.model.Namespace.PID, io.jrunc.ports.model.Namespace.NET,
                io.jrunc.ports.model.Namespace.IPC, io.jrunc.ports.model.Namespace.UTS,
                io.jrunc.ports.model.Namespace.MOUNT), c.newNamespaces());
        assertTrue(c.loopback(), "a new network namespace gets lo up");
        assertEquals(Optional.of("runc"), c.hostname());
        assertEquals(List.of(new Rlimit(RlimitResource.RLIMIT_NOFILE, 1024, 1024)), c.rlimits());
        assertEquals(Set.of(MountFlag.MS_SLAVE, MountFlag.MS_REC), c.rootfs().propagation());
        assertEquals(List.of("sh"), c.process().args());
        assertTrue(c.process().noNewPrivileges());
    }

    @Test
    void aJoinedNamespaceIsNotCreatedAndAJoinedNetworkGetsNoLoopbackStep() {
        Spec spec = DefaultSpecs.runc().toBuilder().linux(Linux.builder().namespaces(List.of(
                Namespace.of(NamespaceType.MOUNT),
                new Namespace(NamespaceType.NETWORK, Optional.of("/var/run/netns/x")))).build()).build();
        ContainerConfig c = SpecConversion.toContainerConfig(spec, BUNDLE, false);
        assertEquals(Set.of(io.jrunc.ports.model.Namespace.MOUNT), c.newNamespaces());
        assertEquals("/var/run/netns/x", c.joinedNamespaces().get(io.jrunc.ports.model.Namespace.NET));
        assertFalse(c.loopback());
    }

    @Test
    void aBindTypedMountIsABindAndItsRelativeSourceIsTheBundles() {
        Spec spec = DefaultSpecs.runc().toBuilder().mounts(List.of(
                Mount.of("/data", "bind", "data", List.of("ro")))).build();
        MountSpec m = SpecConversion.toContainerConfig(spec, BUNDLE, false).rootfs().mounts().get(0);
        assertEquals(BUNDLE + "/data", m.source());
        assertEquals(Set.of(MountFlag.MS_BIND, MountFlag.MS_RDONLY), m.flags());
    }

    @Test
    void theDefaultDevicesAreAlwaysThere() {
        ContainerConfig c = SpecConversion.toContainerConfig(DefaultSpecs.runc(), BUNDLE, true);
        assertEquals(DeviceSpec.defaults(), c.rootfs().devices());
        assertTrue(c.rootfs().noPivot());
    }

    @Test
    void theRealBackendsCarryOutTheDefaultSpec() {
        assertEquals(List.of(), Unsupported.in(DefaultSpecs.runc()));
    }

    /** On a kernel older than the capability (here CAP_LAST_CAP 39), it is left out, as runc leaves it out. */
    @Test
    void capabilitiesAboveTheKernelsLastAreLeftOutAndNamed() {
        var caps = new io.jrunc.domain.config.Capabilities(
                List.of(io.jrunc.domain.config.Capability.KILL, io.jrunc.domain.config.Capability.CHECKPOINT_RESTORE),
                List.of(io.jrunc.domain.config.Capability.CHECKPOINT_RESTORE), List.of(),
                List.of(io.jrunc.domain.config.Capability.KILL, io.jrunc.domain.config.Capability.CHECKPOINT_RESTORE),
                List.of());
        Spec spec = DefaultSpecs.runc().toBuilder().process(Optional.of(DefaultSpecs.runc().process().orElseThrow()
                .toBuilder().capabilities(Optional.of(caps)).build())).build();

        var sets = SpecConversion.toContainerConfig(spec, BUNDLE, false, 0, 39).process().capabilities();

        assertEquals(Set.of(5), sets.bounding());
        assertEquals(Set.of(), sets.effective());
        assertEquals(Set.of(5), sets.permitted());
        assertEquals(List.of("CAP_CHECKPOINT_RESTORE"), SpecConversion.unavailableCapabilities(spec, 39));
        assertEquals(List.of(), SpecConversion.unavailableCapabilities(spec, 40));
        assertEquals(Set.of(5, 40), SpecConversion.toContainerConfig(spec, BUNDLE, false, 0, 40).process()
                .capabilities().bounding());
    }

    /** runc's label.FormatMountLabel: context="…" on each new filesystem but proc, sysfs, cgroup and mqueue. */
    @Test
    void theMountLabelGoesIntoTheOptionsOfNewFilesystems() {
        Spec spec = DefaultSpecs.runc().toBuilder().linux(Optional.of(DefaultSpecs.runc().linux().orElseThrow()
                .toBuilder().mountLabel(Optional.of("system_u:object_r:container_file_t:s0:c1,c2")).build()))
                .mounts(List.of(Mount.of("/proc", "proc", "proc", List.of()),
                        Mount.of("/dev", "tmpfs", "tmpfs", List.of("mode=755")),
                        Mount.of("/dev/pts", "devpts", "devpts", List.of()),
                        Mount.of("/dev/mqueue", "mqueue", "mqueue", List.of()),
                        Mount.of("/data", "bind", "/srv", List.of("rbind"))))
                .build();

        List<String> data = SpecConversion.toContainerConfig(spec, BUNDLE, false).rootfs().mounts().stream()
                .map(io.jrunc.domain.runtime.MountSpec::data).toList();

        String context = "context=\"system_u:object_r:container_file_t:s0:c1,c2\"";
        assertEquals(List.of("", "mode=755," + context, context, "", ""), data);
    }

    @Test
    void anIdMappedBindCarriesItsOwnMappingsOrTheContainersAndRidmapMakesItRecursive() {
        List<io.jrunc.domain.config.IdMapping> container = List.of(new io.jrunc.domain.config.IdMapping(0, 100000, 65536));
        List<io.jrunc.domain.config.IdMapping> own = List.of(new io.jrunc.domain.config.IdMapping(0, 200000, 10));
        Spec base = DefaultSpecs.runc();
        List<Namespace> namespaces = new java.util.ArrayList<>(base.linux().orElseThrow().namespaces());
        namespaces.add(Namespace.of(NamespaceType.USER));
        List<Mount> mounts = new java.util.ArrayList<>(base.mounts());
        int first = mounts.size();
        mounts.add(new Mount("/a", Optional.of("bind"), Optional.of("/srv"), List.of("rbind", "ridmap"), own, own));
        mounts.add(new Mount("/b", Optional.of("bind"), Optional.of("/srv"), List.of("idmap"), List.of(), List.of()));
        mounts.add(new Mount("/c", Optional.of("bind"), Optional.of("/srv"), List.of(), List.of(), List.of()));
        Spec spec = base.toBuilder().mounts(mounts).linux(base.linux().orElseThrow().toBuilder()
                .namespaces(namespaces).uidMappings(container).gidMappings(container).build()).build();

        List<MountSpec> made = SpecConversion.toContainerConfig(spec, BUNDLE, false).rootfs().mounts();

        assertEquals(Optional.of(new MountIdmap(new IdMappings(own, own), true, "mounts[" + first + "]", -1)),
                made.get(first).idmap());
        assertEquals(Optional.of(new MountIdmap(new IdMappings(container, container), false,
                "mounts[" + (first + 1) + "]", -1)), made.get(first + 1).idmap());
        assertEquals(Optional.empty(), made.get(first + 2).idmap());
        assertEquals("", made.get(first + 1).data(), "idmap is no filesystem data");
        assertTrue(made.get(first).flags().contains(MountFlag.MS_REC));
    }
}
