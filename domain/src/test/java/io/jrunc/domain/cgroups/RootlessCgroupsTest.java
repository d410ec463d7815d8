package io.jrunc.domain.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.config.DeviceRule;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RootlessCgroupsTest {
    private static final ContainerId ID = ContainerId.parse("c").get();

    /** A cgroup that records what reaches it and fails its create or join as told. */
    private static final class Recording implements ContainerCgroup {
        final List<String> calls = new ArrayList<>();
        RuntimeException onCreate;
        RuntimeException onJoin;
        Resources applied;

        @Override public Map<String, String> paths() {
            return Map.of("pids", "/jrunc/c");
        }

        @Override public void create() {
            calls.add("create");
            if (onCreate != null) {
                throw onCreate;
            }
        }

        @Override public void join(int pid) {
            calls.add("join");
            if (onJoin != null) {
                throw onJoin;
            }
        }

        @Override public void apply(Resources resources) {
            calls.add("apply");
            applied = resources;
        }

        @Override public void update(Resources resources) {
            applied = resources;
        }

        @Override public void freeze() { }

        @Override public void thaw() { }

        @Override public boolean frozen() {
            return false;
        }

        @Override public List<Integer> processes() {
            return List.of(1);
        }

        @Override public CgroupStats stats() {
            throw new UnsupportedOperationException();
        }

        @Override public void destroy() {
            calls.add("destroy");
        }
    }

    private static final class Driver implements CgroupDriver {
        final Recording cgroup = new Recording();

        @Override public ContainerCgroup forNewContainer(ContainerId id, Optional<String> cgroupsPath) {
            return cgroup;
        }

        @Override public ContainerCgroup forExistingContainer(ContainerId id, Map<String, String> paths) {
            return cgroup;
        }
    }

    private static CgroupError denied(Errno errno) {
        return new CgroupError("linux.cgroupsPath", "unable to create cgroup",
                new SyscallException("mkdir", errno, "/sys/fs/cgroup/pids/jrunc/c"));
    }

    private static final Resources DEVICES_ONLY = Resources.builder()
            .devices(List.of(new DeviceRule(false, Optional.empty(), java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), Optional.of("rwm"))))
            .build();

    @Test
    void aCgroupItMayNotMakeIsGoneWithoutAndTheStateRecordsNone() {
        for (Errno errno : List.of(Errno.EPERM, Errno.EACCES, Errno.EROFS)) {
            Driver driver = new Driver();
            driver.cgroup.onCreate = denied(errno);
            ContainerCgroup cgroup = new RootlessCgroups(driver).forNewContainer(ID, Optional.empty());

            cgroup.create();
            cgroup.join(42);
            cgroup.apply(DEVICES_ONLY);

            assertEquals(Map.of(), cgroup.paths(), errno.name());
            assertEquals(List.of("create", "destroy"), driver.cgroup.calls, "nothing more reaches it: " + errno);
        }
    }

    @Test
    void aLimitWithoutACgroupIsRefusedInRuncsWords() {
        Driver driver = new Driver();
        driver.cgroup.onJoin = denied(Errno.EACCES);
        ContainerCgroup cgroup = new RootlessCgroups(driver).forNewContainer(ID, Optional.empty());
        cgroup.create();
        cgroup.join(42);

        CgroupError e = assertThrows(CgroupError.class, () -> cgroup.apply(Resources.builder().pids(new Pids(10)).build()));

        assertTrue(e.getMessage().contains("container could not join or create cgroup"), e.getMessage());
        assertThrows(CgroupError.class, cgroup::processes);
        assertFalse(cgroup.frozen());
    }

    @Test
    void withAPathTheConfigNamesOrAnotherFailureTheErrorStands() {
        Driver named = new Driver();
        named.cgroup.onCreate = denied(Errno.EACCES);
        ContainerCgroup explicit = new RootlessCgroups(named).forNewContainer(ID, Optional.of("/mine"));
        assertSame(named.cgroup.onCreate, assertThrows(CgroupError.class, explicit::create));

        Driver other = new Driver();
        other.cgroup.onCreate = denied(Errno.ENOSPC);
        ContainerCgroup cgroup = new RootlessCgroups(other).forNewContainer(ID, Optional.empty());
        assertSame(other.cgroup.onCreate, assertThrows(CgroupError.class, cgroup::create));
    }

    @Test
    void aCgroupItMadeGetsItsLimitsButNoDeviceRules() {
        Driver driver = new Driver();
        ContainerCgroup cgroup = new RootlessCgroups(driver).forNewContainer(ID, Optional.empty());
        cgroup.create();
        cgroup.join(42);

        cgroup.apply(Resources.builder().devices(DEVICES_ONLY.devices()).pids(new Pids(10)).build());

        assertEquals(Map.of("pids", "/jrunc/c"), cgroup.paths());
        assertEquals(List.of(), driver.cgroup.applied.devices());
        assertEquals(Optional.of(new Pids(10)), driver.cgroup.applied.pids());
    }

    @Test
    void anExistingContainerWithoutPathsHasNoCgroupAndOneWithPathsItsDriversOwn() {
        Driver driver = new Driver();
        RootlessCgroups rootless = new RootlessCgroups(driver);

        ContainerCgroup none = rootless.forExistingContainer(ID, "cgroupfs", Map.of());
        none.destroy();
        none.update(DEVICES_ONLY);

        assertEquals(List.of(), driver.cgroup.calls);
        assertSame(driver.cgroup, rootless.forExistingContainer(ID, "cgroupfs", Map.of("pids", "/jrunc/c")));
    }
}
