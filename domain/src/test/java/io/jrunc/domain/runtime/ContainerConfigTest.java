package io.jrunc.domain.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.TestConfigs;
import io.jrunc.domain.config.Hooks;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ContainerConfigTest {
    /** What the convenience constructors the builder replaced filled in, field by field. */
    @Test
    void aBuiltConfigStartsWithNothingBeyondItsRootfsAndProcess() {
        ContainerConfig c = ContainerConfig.builder().rootfs(TestConfigs.rootfs(List.of()))
                .process(TestConfigs.shell()).build();
        assertTrue(c.newNamespaces().isEmpty() && c.joinedNamespaces().isEmpty());
        assertEquals(false, c.loopback());
        assertTrue(c.routes().isEmpty() && c.rlimits().isEmpty() && c.sysctl().isEmpty());
        assertTrue(c.readonlyPaths().isEmpty() && c.maskedPaths().isEmpty());
        assertEquals(OptionalInt.empty(), c.oomScoreAdj());
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                List.of(c.hostname(), c.domainname(), c.appArmorProfile(), c.processLabel()));
        assertEquals(CgroupSpec.NONE, c.cgroup());
        assertEquals(Optional.empty(), c.seccomp());
        assertEquals(Hooks.none(), c.hooks());
        assertEquals(PlatformSpec.NONE, c.platform());
        assertEquals(IdMappings.NONE, c.idMappings());
    }

    @Test
    void toBuilderGivesBackEveryField() {
        ContainerConfig everything = TestConfigs.everythingWithHooks().toBuilder()
                .idMappings(new IdMappings(List.of(new io.jrunc.domain.config.IdMapping(0, 1000, 1)),
                        List.of(new io.jrunc.domain.config.IdMapping(0, 1000, 1))))
                .build();
        assertEquals(everything, everything.toBuilder().build());
    }

    @Test
    void aConfigWithoutARootfsOrAProcessIsRefusedNamingIt() {
        assertEquals("rootfs", assertThrows(NullPointerException.class,
                () -> ContainerConfig.builder().process(TestConfigs.shell()).build()).getMessage());
        assertEquals("process", assertThrows(NullPointerException.class,
                () -> ContainerConfig.builder().rootfs(TestConfigs.rootfs(List.of())).build()).getMessage());
    }
}
