package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.ContainerCgroup;
import io.jrunc.domain.container.ContainerId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** A container keeps the cgroup driver that made it, whatever the flags of a later command. */
class RecordedCgroupDriverTest {
    private final ContainerId id = ContainerId.of("web");
    private final Map<String, String> paths = Map.of("", "/system.slice/jrunc-web.scope");
    private final ContainerCgroup fsCgroup = Mockito.mock(ContainerCgroup.class);
    private final ContainerCgroup systemdCgroup = Mockito.mock(ContainerCgroup.class);
    private final CgroupDriver cgroupfs = Mockito.mock(CgroupDriver.class);
    private final CgroupDriver systemd = Mockito.mock(CgroupDriver.class);
    private int systemdMade;

    RecordedCgroupDriverTest() {
        Mockito.when(cgroupfs.name()).thenReturn("cgroupfs");
        Mockito.when(systemd.name()).thenReturn("systemd");
        Mockito.when(cgroupfs.forExistingContainer(id, paths)).thenReturn(fsCgroup);
        Mockito.when(systemd.forExistingContainer(id, paths)).thenReturn(systemdCgroup);
        Mockito.when(cgroupfs.forNewContainer(id, Optional.empty())).thenReturn(fsCgroup);
    }

    private RecordedCgroupDriver withoutTheFlag() {
        return new RecordedCgroupDriver(cgroupfs, cgroupfs, () -> {
            systemdMade++;
            return systemd;
        });
    }

    @Test
    void aSystemdMadeContainerStaysSystemdsWithoutTheFlag() {
        assertSame(systemdCgroup, withoutTheFlag().forExistingContainer(id, "systemd", paths));
    }

    @Test
    void aCgroupfsMadeContainerStaysCgroupfsAndSystemdIsNeverAsked() {
        RecordedCgroupDriver driver = withoutTheFlag();
        assertSame(fsCgroup, driver.forExistingContainer(id, "cgroupfs", paths));
        assertSame(fsCgroup, driver.forNewContainer(id, Optional.empty()));
        assertEquals("cgroupfs", driver.name());
        assertEquals(0, systemdMade, "without systemd its driver refuses every call: it must not be made");
    }

    @Test
    void newContainersGetTheChosenDriverAndItsName() {
        RecordedCgroupDriver driver = new RecordedCgroupDriver(systemd, cgroupfs, () -> systemd);
        assertEquals("systemd", driver.name());
        assertSame(fsCgroup, driver.forExistingContainer(id, "cgroupfs", paths));
    }
}
