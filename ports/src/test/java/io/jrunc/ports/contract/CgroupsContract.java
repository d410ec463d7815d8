package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.ports.Cgroups;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SpawnRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cgroup filesystem as the port sees it, in one hierarchy of the host's (pids on v1 or hybrid, else the
 * unified one): what is made, written, joined and removed reads back, and the kernel's refusals. The limits
 * and stats themselves belong to the domain's managers, tested on cgroupfs trees of both versions and on the
 * real kernel by the cli's RealCgroup* tests; this is the port underneath them.
 */
public abstract class CgroupsContract extends PortContract {
    private final String path = "/jrunc-contract-" + UUID.randomUUID();
    private String hierarchy;
    private int sleeper;

    private Cgroups cgroups() {
        return ports().cgroups();
    }

    @BeforeEach
    void needsPrivilegeAndAHierarchy() {
        assumePrivileged();
        List<String> mounted = cgroups().hierarchies();
        assertFalse(mounted.isEmpty(), "a host without a cgroup hierarchy");
        hierarchy = mounted.contains("pids") ? "pids" : mounted.contains("") ? "" : mounted.get(0);
    }

    @AfterEach
    void removesWhatItMade() {
        if (sleeper > 0 && ports().processes().isAlive(sleeper)) {
            ports().processes().kill(sleeper, 9);
            ports().processes().waitFor(sleeper);
        }
        if (hierarchy != null) {
            cgroups().remove(hierarchy, path);
        }
    }

    /** A file every cgroup of the hierarchy has, writable and read back as written. */
    private String settable() {
        return hierarchy.isEmpty() ? "cgroup.max.depth" : "notify_on_release";
    }

    private int sleeper() {
        ports().seedExecutable("/bin/sleep");
        sleeper = ports().processes().spawn(new SpawnRequest("/bin/sleep", List.of("sleep", "30"), List.of(),
                Set.of(), Map.of(), List.of()));
        return sleeper;
    }

    @Test
    void aCgroupIsMadeWrittenJoinedAndRemoved_andRemovingItAgainIsNothing() {
        cgroups().create(hierarchy, path);
        assertTrue(cgroups().directory(hierarchy, path).endsWith(path), cgroups().directory(hierarchy, path));

        cgroups().write(hierarchy, path, settable(), "1");
        assertEquals(Optional.of("1"), cgroups().read(hierarchy, path, settable()).map(String::trim));

        int pid = sleeper();
        cgroups().join(hierarchy, path, pid);
        assertEquals(List.of(pid), cgroups().processes(hierarchy, path));
        assertEquals(Optional.of(pid + "\n"), cgroups().read(hierarchy, path, "cgroup.procs"));

        assertErrno(Errno.EBUSY, () -> cgroups().remove(hierarchy, path));
        ports().processes().kill(pid, 9);
        ports().processes().waitFor(pid);
        assertEquals(List.of(), cgroups().processes(hierarchy, path), "a reaped member is gone from cgroup.procs");

        cgroups().remove(hierarchy, path);
        cgroups().remove(hierarchy, path);
        assertEquals(Optional.empty(), cgroups().read(hierarchy, path, settable()));
    }

    /** Both native backends make the path as mkdir -p does, so the fake does too: no EEXIST for what is there. */
    @Test
    void makingOneThatIsThereTakesIt_withWhatItHolds() {
        cgroups().create(hierarchy, path);
        cgroups().write(hierarchy, path, settable(), "1");

        cgroups().create(hierarchy, path);

        assertEquals(Optional.of("1"), cgroups().read(hierarchy, path, settable()).map(String::trim));
    }

    @Test
    void writingToOneThatIsNotThereIsENOENT() {
        assertErrno(Errno.ENOENT, () -> cgroups().write(hierarchy, path, settable(), "1"));
    }

    @Test
    void joiningAReapedPidIsESRCH() {
        cgroups().create(hierarchy, path);
        int pid = sleeper();
        ports().processes().kill(pid, 9);
        ports().processes().waitFor(pid);

        assertErrno(Errno.ESRCH, () -> cgroups().join(hierarchy, path, pid));
    }
}
