package io.jrunc.domain.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.HugepageLimit;
import io.jrunc.domain.config.InterfacePriority;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Network;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Rdma;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.ThrottleDevice;
import io.jrunc.domain.config.WeightDevice;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.ports.model.Errno;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v1 manager against v1 and hybrid trees laid out as such hosts', file for file. */
class V1CgroupTest {
    /** A runtime whose memory cgroup is a service's, elsewhere at the root, on a hybrid host. */
    private static final String PROC_SELF = "12:memory:/process_api/x\n11:pids:/\n10:cpu:/\n9:cpuacct:/\n"
            + "8:name=systemd:/user.slice\n7:net_cls,net_prio:/\n0::/user.slice\n";

    @TempDir
    Path tmp;
    TempCgroupfs fs;

    private ContainerCgroup created(TempCgroupfs tree, String cgroupsPath) {
        fs = tree;
        ContainerCgroup cg = new FsCgroupDriver(fs, V2CgroupTest.procSelf(PROC_SELF))
                .forNewContainer(ContainerId.of("c1"), Optional.ofNullable(cgroupsPath));
        cg.create();
        return cg;
    }

    private ContainerCgroup created() {
        return created(TempCgroupfs.hybrid(tmp), null);
    }

    private static Memory memory(long limit, long swap) {
        return Memory.of(limit == 0 ? OptionalLong.empty() : OptionalLong.of(limit),
                swap == 0 ? OptionalLong.empty() : OptionalLong.of(swap));
    }

    @Test
    void aRelativePathIsUnderTheRuntimesOwnCgroupInEachHierarchyTheUnifiedOneIncluded() {
        ContainerCgroup cg = created();
        Map<String, String> paths = cg.paths();
        assertEquals("/process_api/x/c1", paths.get("memory"));
        assertEquals("/c1", paths.get("pids"));
        assertEquals("/user.slice/c1", paths.get("systemd"), "the named hierarchy too, as runc joins name=systemd");
        assertEquals("/c1", paths.get("net_cls,net_prio"));
        assertEquals("/user.slice/c1", paths.get(""), "a hybrid host's unified hierarchy: under the own cgroup itself");
        assertEquals(TempCgroupfs.V1_MOUNTS.size() + 1, paths.size());
        for (var e : paths.entrySet()) {
            assertTrue(fs.exists(e.getKey(), e.getValue()), e.toString());
        }
    }

    @Test
    void aNewCpusetTakesItsParentsCpusAndMemsSoAProcessCanJoin() {
        ContainerCgroup cg = created(TempCgroupfs.v1(tmp), "/a/b/c1");
        assertEquals("0-1", fs.get("cpuset", "/a", "cpuset.cpus"));
        assertEquals("0-1", fs.get("cpuset", "/a/b/c1", "cpuset.cpus"));
        assertEquals("0", fs.get("cpuset", "/a/b/c1", "cpuset.mems"));
        cg.join(321);
        for (String h : TempCgroupfs.V1_MOUNTS) {
            assertEquals(List.of(321), fs.processes(h, "/a/b/c1"), h);
        }
        assertEquals(List.of(321), cg.processes());
    }

    @Test
    void aFailedMkdirInOneHierarchyLeavesNothingInTheOthers() {
        fs = TempCgroupfs.v1(tmp);
        fs.refuse("mkdir:pids", Errno.EACCES);
        ContainerCgroup cg = new FsCgroupDriver(fs, V2CgroupTest.procSelf(PROC_SELF))
                .forNewContainer(ContainerId.of("c1"), Optional.of("/x/c1"));
        CgroupError e = assertThrows(CgroupError.class, cg::create);
        assertEquals("linux.cgroupsPath: unable to create cgroup pids:/x/c1: permission denied", e.getMessage());
        for (String h : TempCgroupfs.V1_MOUNTS) {
            assertFalse(fs.exists(h, "/x"), h + " keeps nothing, not even the parent made for the container");
        }
    }

    @Test
    void raisingLimitsWritesMemswFirstAndLoweringThemWritesMemoryFirst() {
        ContainerCgroup cg = created();
        cg.apply(Resources.builder().memory(memory(256L << 20, 512L << 20)).build());
        cg.update(Resources.builder().memory(memory(1L << 30, 2L << 30)).build());
        cg.update(Resources.builder().memory(memory(64L << 20, 128L << 20)).build());
        assertEquals(List.of(
                        "memory:/process_api/x/c1/memory.limit_in_bytes=268435456",
                        "memory:/process_api/x/c1/memory.memsw.limit_in_bytes=536870912",
                        "memory:/process_api/x/c1/memory.memsw.limit_in_bytes=2147483648",
                        "memory:/process_api/x/c1/memory.limit_in_bytes=1073741824",
                        "memory:/process_api/x/c1/memory.limit_in_bytes=67108864",
                        "memory:/process_api/x/c1/memory.memsw.limit_in_bytes=134217728"),
                fs.writes().stream().filter(w -> w.contains("limit_in_bytes")).toList());
        assertEquals("67108864", fs.get("memory", "/process_api/x/c1", "memory.limit_in_bytes"));
    }

    @Test
    void unlimitedMemoryLiftsSwapToo() {
        ContainerCgroup cg = created();
        cg.apply(Resources.builder().memory(memory(256L << 20, 512L << 20)).build());
        cg.update(Resources.builder().memory(memory(-1, 0)).build());
        assertEquals(TempCgroupfs.V1_MAX, fs.get("memory", "/process_api/x/c1", "memory.limit_in_bytes"));
        assertEquals(TempCgroupfs.V1_MAX, fs.get("memory", "/process_api/x/c1", "memory.memsw.limit_in_bytes"));
    }

    @Test
    void everyMemorySettingHasItsFile() {
        ContainerCgroup cg = created();
        cg.apply(Resources.builder().memory(new Memory(OptionalLong.of(256L << 20), OptionalLong.of(128L << 20),
                OptionalLong.empty(), OptionalLong.of(64L << 20), OptionalLong.of(16L << 20), OptionalLong.of(10),
                Optional.of(true), Optional.of(true), Optional.empty())).build());
        String p = "/process_api/x/c1";
        assertEquals(Long.toString(128L << 20), fs.get("memory", p, "memory.soft_limit_in_bytes"));
        assertEquals(Long.toString(64L << 20), fs.get("memory", p, "memory.kmem.limit_in_bytes"));
        assertEquals(Long.toString(16L << 20), fs.get("memory", p, "memory.kmem.tcp.limit_in_bytes"));
        assertEquals("10", fs.get("memory", p, "memory.swappiness"));
        assertEquals("1", fs.get("memory", p, "memory.oom_control"));
        assertEquals("1", fs.get("memory", p, "memory.use_hierarchy"));
    }

    @Test
    void cpuSettingsGoToTheirFilesPeriodBeforeQuota() {
        ContainerCgroup cg = created();
        cg.apply(Resources.builder().cpu(new Cpu(OptionalLong.of(512), OptionalLong.of(25000), OptionalLong.of(5000),
                OptionalLong.of(50000), OptionalLong.of(10000), OptionalLong.of(1000000), Optional.of("1"),
                Optional.of("0"), OptionalLong.empty())).build());
        List<String> cpu = fs.writes().stream().filter(w -> w.startsWith("cpu:")).map(w -> w.substring(w.lastIndexOf('/') + 1))
                .toList();
        assertEquals(List.of("cpu.shares=512", "cpu.cfs_period_us=50000", "cpu.cfs_quota_us=25000", "cpu.cfs_burst_us=5000",
                "cpu.rt_period_us=1000000", "cpu.rt_runtime_us=10000"), cpu);
        assertEquals("1", fs.get("cpuset", "/c1", "cpuset.cpus"));
        assertEquals("0", fs.get("cpuset", "/c1", "cpuset.mems"));
    }

    @Test
    void aPeriodRefusedBeforeTheNewQuotaIsWrittenAgainAfterIt() {
        ContainerCgroup cg = created();
        fs.refuse("cpu.cfs_period_us", Errno.EINVAL);
        cg.apply(Resources.builder().cpu(Cpu.of(OptionalLong.empty(), OptionalLong.of(1000), OptionalLong.of(10000)))
                .build());
        assertEquals(List.of("cpu.cfs_quota_us=1000", "cpu.cfs_period_us=10000"), fs.writes().stream()
                .filter(w -> w.startsWith("cpu:")).map(w -> w.substring(w.lastIndexOf('/') + 1)).toList());
        fs.refuse("cpu.cfs_period_us", Errno.EINVAL);
        CgroupError e = assertThrows(CgroupError.class, () -> cg.apply(Resources.builder()
                .cpu(Cpu.of(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(10000))).build()));
        assertEquals("linux.resources.cpu.period", e.field(), "without a quota to follow, the refusal stands");
    }

    @Test
    void sharesTheKernelClampsAreReportedWithTheBound() {
        ContainerCgroup cg = created();
        CgroupError e = assertThrows(CgroupError.class, () -> cg.apply(Resources.builder()
                .cpu(Cpu.of(OptionalLong.of(500000), OptionalLong.empty(), OptionalLong.empty())).build()));
        assertEquals("linux.resources.cpu.shares: the maximum allowed cpu-shares is 262144", e.getMessage());
    }

    @Test
    void pidsBlkioHugetlbNetworkGoToTheirFiles() {
        ContainerCgroup cg = created();
        cg.apply(Resources.builder().pids(new Pids(100))
                .blockIO(new BlockIo(OptionalInt.of(300), OptionalInt.of(200),
                        List.of(new WeightDevice(8, 0, OptionalInt.of(400), OptionalInt.of(100))),
                        List.of(new ThrottleDevice(8, 0, 1000)), List.of(new ThrottleDevice(8, 0, 2000)),
                        List.of(new ThrottleDevice(8, 0, 30)), List.of(new ThrottleDevice(8, 0, 40))))
                .hugepageLimits(List.of(new HugepageLimit("2MB", 8L << 20)))
                .network(new Network(OptionalLong.of(0x100001), List.of(new InterfacePriority("eth0", 5)))).build());
        assertEquals("100", fs.get("pids", "/c1", "pids.max"));
        assertEquals("300", fs.get("blkio", "/c1", "blkio.weight"));
        assertEquals("200", fs.get("blkio", "/c1", "blkio.leaf_weight"));
        assertEquals(List.of("8:0 400"), fs.writesOf("blkio.weight_device"));
        assertEquals(List.of("8:0 100"), fs.writesOf("blkio.leaf_weight_device"));
        assertEquals(List.of("8:0 1000"), fs.writesOf("blkio.throttle.read_bps_device"));
        assertEquals(List.of("8:0 2000"), fs.writesOf("blkio.throttle.write_bps_device"));
        assertEquals(List.of("8:0 30"), fs.writesOf("blkio.throttle.read_iops_device"));
        assertEquals(List.of("8:0 40"), fs.writesOf("blkio.throttle.write_iops_device"));
        assertEquals(Long.toString(8L << 20), fs.get("hugetlb", "/c1", "hugetlb.2MB.limit_in_bytes"));
        assertEquals(Long.toString(8L << 20), fs.get("hugetlb", "/c1", "hugetlb.2MB.rsvd.limit_in_bytes"));
        assertEquals("1048577", fs.get("net_cls,net_prio", "/c1", "net_cls.classid"));
        assertEquals(List.of("eth0 5"), fs.writesOf("net_prio.ifpriomap"));
    }

    @Test
    void aValueForAControllerTheHostDoesNotMountIsRefusedAsRuncRefusesIt() {
        fs = TempCgroupfs.v1Without(tmp, "rdma");
        ContainerCgroup cg = new FsCgroupDriver(fs, V2CgroupTest.procSelf("")).forNewContainer(ContainerId.of("c1"),
                Optional.empty());
        cg.create();
        cg.apply(Resources.builder().pids(new Pids(5)).build()); // an unset rdma is no problem
        CgroupError e = assertThrows(CgroupError.class, () -> cg.apply(Resources.builder()
                .rdma(Map.of("mlx5_0", new Rdma(OptionalLong.of(1), OptionalLong.empty()))).build()));
        assertEquals("linux.resources.rdma[\"mlx5_0\"]: cannot set rdma limit: container could not join or create cgroup",
                e.getMessage());
    }

    @Test
    void deviceRulesGoToDevicesDenyAndAllowAndAnUpdateWritesOnlyWhatChanges() {
        ContainerCgroup cg = created();
        List<io.jrunc.domain.config.DeviceRule> rules = DeviceRules.forContainer(
                List.of(io.jrunc.domain.config.DeviceRule.denyAll()), List.of());
        cg.apply(Resources.builder().devices(rules).build());
        assertEquals(List.of("a *:* rwm"), fs.writesOf("devices.deny"));
        assertTrue(fs.writesOf("devices.allow").contains("c 1:3 rwm"), fs.writesOf("devices.allow").toString());
        // A real devices.list after those writes: the allowed devices.
        fs.put("devices", "/c1", "devices.list", String.join("\n", fs.writesOf("devices.allow")) + "\n");
        int before = fs.writes().size();
        cg.update(Resources.builder().devices(rules).build());
        assertEquals(before, fs.writes().size(), "the same rules change nothing on a running container");
    }

    @Test
    void unifiedIsRefusedOnV1AndHybridHosts() {
        ContainerCgroup cg = created();
        CgroupError e = assertThrows(CgroupError.class, () -> cg.apply(Resources.builder()
                .unified(Map.of("memory.high", "1")).build()));
        assertEquals("linux.resources.unified: invalid configuration: cannot use unified on cgroup v1", e.getMessage());
    }

    @Test
    void aRefusedWriteNamesTheFieldAndAMemoryLimitBelowUsageSaysTheUsage() {
        ContainerCgroup cg = created();
        fs.refuse("pids.max", Errno.EINVAL);
        assertEquals("linux.resources.pids.limit", assertThrows(CgroupError.class,
                () -> cg.apply(Resources.builder().pids(new Pids(5)).build())).field());
        fs.refuse("memory.limit_in_bytes", Errno.EBUSY);
        fs.put("memory", "/process_api/x/c1", "memory.usage_in_bytes", "9000");
        fs.put("memory", "/process_api/x/c1", "memory.max_usage_in_bytes", "12000");
        CgroupError e = assertThrows(CgroupError.class, () -> cg.apply(Resources.builder().memory(memory(4096, 0)).build()));
        assertEquals("linux.resources.memory.limit: unable to set memory.limit_in_bytes to \"4096\": device or resource"
                + " busy (current usage: 9000, peak usage: 12000)", e.getMessage());
    }

    @Test
    void freezeWaitsThroughFreezingAndThawReturnsToThawed() {
        ContainerCgroup cg = created();
        cg.freeze();
        assertTrue(cg.frozen());
        cg.thaw();
        assertFalse(cg.frozen());
        assertEquals(List.of("FROZEN", "THAWED"), fs.writesOf("freezer.state"));
    }

    @Test
    void statsReadTheV1Files() {
        ContainerCgroup cg = created();
        fs.put("cpuacct", "/c1", "cpuacct.usage", "123456789");
        fs.put("cpuacct", "/c1", "cpuacct.usage_percpu", "100000000 23456789 ");
        fs.put("cpuacct", "/c1", "cpuacct.stat", "user 7\nsystem 3\n");
        fs.put("cpu", "/c1", "cpu.stat", "nr_periods 4\nnr_throttled 1\nthrottled_time 999\n");
        String m = "/process_api/x/c1";
        fs.put("memory", m, "memory.usage_in_bytes", "1000");
        fs.put("memory", m, "memory.max_usage_in_bytes", "2000");
        fs.put("memory", m, "memory.failcnt", "1");
        fs.put("memory", m, "memory.memsw.usage_in_bytes", "1500");
        fs.put("memory", m, "memory.stat", "cache 300\nrss 700\n");
        fs.put("pids", "/c1", "pids.current", "3");
        fs.put("pids", "/c1", "pids.max", "10");
        fs.put("blkio", "/c1", "blkio.io_service_bytes_recursive", "8:0 Read 4096\n8:0 Write 0\n8:0 Total 4096\nTotal 4096\n");
        fs.put("blkio", "/c1", "blkio.io_serviced_recursive", "8:0 Read 1\n8:0 Write 0\nTotal 1\n");
        fs.put("blkio", "/c1", "blkio.sectors_recursive", "8:0 8\n");
        CgroupStats s = cg.stats();
        assertEquals(123456789, s.cpu().usage().total());
        assertEquals(List.of(100000000L, 23456789L), s.cpu().usage().perCpu());
        assertEquals(70_000_000, s.cpu().usage().user(), "7 ticks of 10ms");
        assertEquals(30_000_000, s.cpu().usage().kernel());
        assertEquals(new CgroupStats.Throttling(4, 1, 999), s.cpu().throttling());
        assertEquals(new CgroupStats.MemoryEntry(Long.parseLong(TempCgroupfs.V1_MAX), 1000, 2000, 1), s.memory().usage());
        assertEquals(1500, s.memory().swap().usage());
        assertEquals(300, s.memory().cache());
        assertEquals(new CgroupStats.Pids(3, 10), s.pids());
        assertEquals(List.of(new CgroupStats.BlkioEntry(8, 0, "Read", 4096), new CgroupStats.BlkioEntry(8, 0, "Write", 0),
                new CgroupStats.BlkioEntry(8, 0, "Total", 4096)), s.blkio().ioServiceBytesRecursive());
        assertEquals(List.of(new CgroupStats.BlkioEntry(8, 0, "", 8)), s.blkio().sectorsRecursive());
        assertEquals(0, s.hugetlb().get("2MB").usage());
        assertEquals(List.of(0, 1), s.cpusetCpus(), "the parent's CPUs, which a new cpuset takes");
        assertEquals(List.of(0), s.cpusetMems(), "the parent's memory nodes, which a new cpuset takes");
    }

    @Test
    void oomKillsAreCountedFromMemoryOomControl() {
        ContainerCgroup cg = created();
        String m = "/process_api/x/c1";
        fs.put("memory", m, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        assertEquals(0, cg.oomKills());
        fs.put("memory", m, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        assertEquals(2, cg.oomKills());
    }

    @Test
    void destroyRemovesEveryHierarchysDirectory() {
        ContainerCgroup cg = created();
        cg.destroy();
        for (var e : cg.paths().entrySet()) {
            assertFalse(fs.exists(e.getKey(), e.getValue()), e.toString());
        }
        assertTrue(fs.exists("memory", "/process_api/x"), "the runtime's own cgroup stays");
        cg.destroy();
    }

    @Test
    void theDriverRebuildsAV1CgroupFromSavedPaths() {
        ContainerCgroup cg = created();
        cg.join(5);
        ContainerCgroup again = new FsCgroupDriver(fs, V2CgroupTest.procSelf("")).forExistingContainer(ContainerId.of("c1"),
                cg.paths());
        assertTrue(again instanceof V1Cgroup);
        assertEquals(List.of(5), again.processes());
        assertFalse(again.frozen());
    }
}
