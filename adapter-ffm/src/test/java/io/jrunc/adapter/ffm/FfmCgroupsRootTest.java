package io.jrunc.adapter.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.CgroupHierarchies;
import io.jrunc.ports.model.MountInfo;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A throwaway cgroup per test, holding a throwaway child; removed again before the test ends. */
@Tag("root")
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FfmCgroupsRootTest {
    private final FfmCgroups cgroups = new FfmCgroups();
    private final FfmProcesses processes = new FfmProcesses();
    private final String path = "jrunc-test-" + UUID.randomUUID();

    @Test
    void hierarchies_listTheMountedControllers() {
        List<String> hierarchies = cgroups.hierarchies();
        assertFalse(hierarchies.isEmpty());
        CgroupHierarchies layout = CgroupHierarchies.of(MountInfo.parse(FfmTestShell.read(Path.of("/proc/self/mountinfo"))));
        hierarchies.forEach(h -> assertTrue(Files.isDirectory(Path.of(layout.mountPoint(h))), h));
    }

    @Test
    void aChild_joinsACgroup_whichCannotBeRemovedUntilItIsEmpty() {
        String hierarchy = cgroups.hierarchies().contains("pids") ? "pids" : "";
        assumeTrue(cgroups.hierarchies().contains(hierarchy), "no pids or unified hierarchy");
        cgroups.create(hierarchy, path + "/nested");
        int pid = processes.spawn(new SpawnRequest("/bin/sleep", List.of("sleep", "30"), List.of(), Set.of(), Map.of(),
                List.of()));
        try {
            cgroups.join(hierarchy, path + "/nested", pid);
            assertEquals(List.of(pid), cgroups.processes(hierarchy, path + "/nested"));
            cgroups.write(hierarchy, path + "/nested", "pids.max", "10");
            assertEquals("10", cgroups.read(hierarchy, path + "/nested", "pids.max").orElseThrow().trim());
            assertTrue(cgroups.read(hierarchy, path + "/nested", "no.such.file").isEmpty());
            var e = assertThrows(SyscallException.class, () -> cgroups.remove(hierarchy, path + "/nested"));
            assertEquals(Errno.EBUSY, e.errno());
        } finally {
            processes.kill(pid, 9);
            processes.waitFor(pid);
            cgroups.remove(hierarchy, path + "/nested");
            cgroups.remove(hierarchy, path);
        }
        cgroups.remove(hierarchy, path);
        assertTrue(cgroups.read(hierarchy, path, "cgroup.procs").isEmpty());
    }

    @Test
    void anInvalidValue_isTheKernelsEINVAL() {
        String hierarchy = cgroups.hierarchies().contains("pids") ? "pids" : "";
        cgroups.create(hierarchy, path);
        try {
            var e = assertThrows(SyscallException.class, () -> cgroups.write(hierarchy, path, "pids.max", "lots"));
            assertEquals(Errno.EINVAL, e.errno());
        } finally {
            cgroups.remove(hierarchy, path);
        }
    }
}
