package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.jrunc.domain.cgroups.CgroupError;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.cgroups.FsCgroupDriver;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cgroup v2 driver on the real kernel, on a v2 or hybrid host (CgroupLayout): the v2 core (cgroup.procs,
 * cgroup.freeze, cgroup.events, cpu.stat) is on both; a hybrid host's unified hierarchy has no controllers, a v2
 * host's root delegates them. A real process
 * is put in a v2 cgroup the driver makes, frozen and thawed, counted, and the cgroup removed; a limit for a
 * controller the hierarchy lacks is refused naming its field (on a v2 host that delegates memory, the limit reads
 * back instead). Resource files are tested against a cgroupfs tree in V2CgroupTest.
 */
@Tag("root")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RealCgroupV2CoreTest {
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void makesJoinsFreezesThawsAndRemovesARealV2Cgroup(String backend) throws Exception {
        Backends.assumeLoads(backend);
        RootTier.requiresRoot();
        Path mount = UnifiedHierarchy.mount();
        RootTier.hostHas(mount != null, "a cgroup2 hierarchy");
        Injector ports = Backends.ports(backend);
        var driver = new FsCgroupDriver(ports.getInstance(Cgroups.class), ports.getInstance(ProcFs.class));
        String path = "/jrunc-v2core-" + backend + "-" + UUID.randomUUID();
        Path dir = mount.resolve(path.substring(1));
        // Recorded paths with only the unified key are what a pure v2 host's create saves: the v2 driver.
        ContainerCgroup cgroup = driver.forExistingContainer(ContainerId.of("v2core"), Map.of("", path));
        cgroup.create();
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        int pid = (int) sleeper.pid();
        try {
            assertTrue(Files.isDirectory(dir));
            cgroup.join(pid);
            assertEquals(List.of(pid), cgroup.processes());

            cgroup.freeze();
            assertTrue(cgroup.frozen());
            assertTrue(Files.readString(dir.resolve("cgroup.events")).contains("frozen 1"));
            cgroup.thaw();
            assertFalse(cgroup.frozen());

            assertTrue(cgroup.stats().cpu().usage().total() >= 0);
            Resources memory = Resources.builder()
                    .memory(Memory.of(OptionalLong.of(64L << 20), OptionalLong.empty())).build();
            CgroupLayout layout = CgroupLayout.of();
            boolean delegated = Files.readString(mount.resolve("cgroup.subtree_control")).contains("memory");
            if (layout == CgroupLayout.HYBRID) {
                // memory is bound to its v1 hierarchy, so the unified one cannot have it
                assertFalse(delegated, "a hybrid host's unified hierarchy with the memory controller");
            }
            if (delegated) {
                cgroup.apply(memory);
                assertEquals(Long.toString(64L << 20), Files.readString(dir.resolve("memory.max")).trim());
                CgroupLayout.announce("RealCgroupV2CoreTest", "the v2 core and a memory limit read back");
            } else {
                CgroupError refused = assertThrows(CgroupError.class, () -> cgroup.apply(memory));
                assertEquals("linux.resources.memory.limit", refused.field(), refused.getMessage());
                assertTrue(refused.getMessage().contains("memory controller is not available"), refused.getMessage());
                CgroupLayout.announce("RealCgroupV2CoreTest", "the v2 core, and a memory limit refused (no controller)");
            }
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
        // A frozen cgroup would keep its dead task; the thaw above lets it go, then the cgroup goes.
        for (int i = 0; i < 100 && !cgroup.processes().isEmpty(); i++) {
            Thread.sleep(10);
        }
        cgroup.destroy();
        assertFalse(Files.exists(dir), "the cgroup was left");
    }
}
