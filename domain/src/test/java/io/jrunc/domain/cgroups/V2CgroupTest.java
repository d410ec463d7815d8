package io.jrunc.domain.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.domain.config.BlockIo;
import io.jrunc.domain.config.Cpu;
import io.jrunc.domain.config.HugepageLimit;
import io.jrunc.domain.config.Memory;
import io.jrunc.domain.config.Network;
import io.jrunc.domain.config.Pids;
import io.jrunc.domain.config.Rdma;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.ThrottleDevice;
import io.jrunc.domain.config.WeightDevice;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.model.Errno;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2 manager against a cgroup2 tree laid out as a pure v2 host's, file for file. */
class V2CgroupTest {
    @TempDir
    Path tmp;
    TempCgroupfs fs;

    /** /proc/self/cgroup of a runtime started from a login session. */
    static ProcFs procSelf(String content) {
        return new ProcFs() {
            @Override
            public void write(int pid, String relativePath, String value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<String> read(int pid, String relativePath) {
                return pid == 0 && relativePath.equals("cgroup") ? Optional.of(content) : Optional.empty();
            }

            @Override
            public void writeSysctl(String key, String value) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private ContainerCgroup created(String cgroupsPath) {
        fs = TempCgroupfs.v2(tmp);
        ContainerCgroup cg = new FsCgroupDriver(fs, procSelf("0::/user.slice/session-1.scope\n"))
                .forNewContainer(ContainerId.of("c1"), Optional.ofNullable(cgroupsPath));
        cg.create();
        return cg;
    }

    private static Memory memory(long limit, long swap) {
        return Memory.of(OptionalLong.of(limit), swap == 0 ? OptionalLong.empty() : OptionalLong.of(swap));
    }

    private static Cpu cpu(Long shares, Long quota, Long period) {
        return Cpu.of(shares == null ? OptionalLong.empty() : OptionalLong.of(shares),
                quota == null ? OptionalLong.empty() : OptionalLong.of(quota),
                period == null ? OptionalLong.empty() : OptionalLong.of(period));
    }

    @Test
    void aRelativePathIsUnderTheParentOfTheRuntimesOwnCgroupWithEveryControllerDelegatedOnTheWay() {
        ContainerCgroup cg = created(null);
        assertEquals(Map.of("", "/user.slice/c1"), cg.paths());
        assertEquals("cpuset cpu io memory hugetlb pids rdma", fs.get("", "/", "cgroup.subtree_control"));
        assertEquals("cpuset cpu io memory hugetlb pids rdma", fs.get("", "/user.slice", "cgroup.subtree_control"));
        assertEquals("max", fs.get("", "/user.slice/c1", "memory.max"), "the container's cgroup has the controllers' files");
    }

    @Test
    void anAbsolutePathIsTakenAsIsAndDotDotCannotClimbOut() {
        assertEquals(Map.of("", "/machine/pod/c1"), created("/machine/../machine/pod/./c1").paths());
        assertTrue(fs.exists("", "/machine/pod/c1"));
        fs = TempCgroupfs.v2(tmp.resolve("other"));
        ContainerCgroup escaping = new FsCgroupDriver(fs, procSelf("0::/a/b\n"))
                .forNewContainer(ContainerId.of("c1"), Optional.of("../../../../etc"));
        assertEquals(Map.of("", "/a/etc"), escaping.paths());
    }

    @Test
    void aSystemdStylePathIsRefusedNamingTheField() {
        fs = TempCgroupfs.v2(tmp);
        CgroupError e = assertThrows(CgroupError.class, () -> new FsCgroupDriver(fs, procSelf("0::/\n"))
                .forNewContainer(ContainerId.of("c1"), Optional.of("system.slice:docker:c1")));
        assertEquals("linux.cgroupsPath", e.field());
        assertTrue(e.getMessage().contains("--systemd-cgroup"), e.getMessage());
    }

    @Test
    void joinPutsTheProcessInCgroupProcs() {
        ContainerCgroup cg = created(null);
        cg.join(4242);
        assertEquals(List.of(4242), cg.processes());
    }

    @Test
    void memoryLimitAndSwapBecomeMemoryMaxAndSwapAloneInMemorySwapMax() {
        ContainerCgroup cg = created(null);
        cg.apply(Resources.builder().memory(new Memory(OptionalLong.of(256L << 20), OptionalLong.of(128L << 20),
                OptionalLong.of(512L << 20), OptionalLong.of(1 << 20), OptionalLong.of(1 << 20), OptionalLong.of(10),
                Optional.of(true), Optional.of(true), Optional.empty())).build());
        assertEquals(List.of(Long.toString(256L << 20)), fs.writesOf("memory.swap.max"));
        assertEquals(List.of(Long.toString(256L << 20)), fs.writesOf("memory.max"));
        assertEquals(List.of(Long.toString(128L << 20)), fs.writesOf("memory.low"));
        assertEquals(3, fs.writes().stream().filter(w -> !w.contains("subtree_control")).count(),
                "kernel memory, swappiness, OOM killer and hierarchy have no v2 file: " + fs.writes());
    }

    @Test
    void unlimitedMemoryWithNoWordOnSwapLiftsBoth() {
        ContainerCgroup cg = created(null);
        cg.apply(Resources.builder().memory(memory(-1, 0)).build());
        assertEquals("max", fs.get("", "/user.slice/c1", "memory.max"));
        assertEquals("max", fs.get("", "/user.slice/c1", "memory.swap.max"));
    }

    @Test
    void swapEqualToTheLimitMeansNoSwap() {
        ContainerCgroup cg = created(null);
        cg.apply(Resources.builder().memory(memory(100 << 20, 100 << 20)).build());
        assertEquals("0", fs.get("", "/user.slice/c1", "memory.swap.max"));
    }

    @Test
    void cpuSharesBecomeWeightAndQuotaAndPeriodBecomeCpuMax() {
        ContainerCgroup cg = created(null);
        cg.apply(Resources.builder().cpu(cpu(1024L, 50000L, 100000L)).build());
        assertEquals("100", fs.get("", "/user.slice/c1", "cpu.weight"));
        assertEquals("50000 100000", fs.get("", "/user.slice/c1", "cpu.max"));
    }

    @Test
    void anUnlimitedQuotaIsMaxAndAQuotaAloneKeepsThePeriod() {
        ContainerCgroup cg = created(null);
        cg.apply(Resources.builder().cpu(cpu(null, -1L, 20000L)).build());
        assertEquals("max 20000", fs.get("", "/user.slice/c1", "cpu.max"));
        cg.update(Resources.builder().cpu(cpu(null, 10000L, null)).build());
        assertEquals(List.of("max 20000", "10000"), fs.writesOf("cpu.max"));
    }

    @Test
    void cpusetIdleAndBurstGoToTheirFiles() {
        ContainerCgroup cg = created(null);
        cg.apply(Resources.builder().cpu(new Cpu(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(1000),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.of("0-1"), Optional.of("0"),
                OptionalLong.of(1))).build());
        assertEquals("0-1", fs.get("", "/user.slice/c1", "cpuset.cpus"));
        assertEquals("0", fs.get("", "/user.slice/c1", "cpuset.mems"));
        assertEquals("1", fs.get("", "/user.slice/c1", "cpu.idle"));
        assertEquals("1000", fs.get("", "/user.slice/c1", "cpu.max.burst"));
    }

    @Test
    void pidsZeroOrNegativeIsMax() {
        ContainerCgroup cg = created(null);
        cg.apply(Resources.builder().pids(new Pids(-1)).build());
        cg.update(Resources.builder().pids(new Pids(0)).build());
        cg.update(Resources.builder().pids(new Pids(64)).build());
        assertEquals(List.of("max", "max", "64"), fs.writesOf("pids.max"));
    }

    @Test
    void blockIoBecomesIoWeightAndIoMaxLines() {
        ContainerCgroup cg = created(null);
        cg.apply(Resources.builder().blockIO(new BlockIo(OptionalInt.of(500), OptionalInt.of(300),
                List.of(new WeightDevice(8, 0, OptionalInt.of(1000), OptionalInt.empty())),
                List.of(new ThrottleDevice(8, 0, 1048576)), List.of(new ThrottleDevice(8, 16, 2048)),
                List.of(new ThrottleDevice(8, 0, 100)), List.of(new ThrottleDevice(8, 0, 0)))).build());
        assertEquals(List.of("default 4950", "8:0 10000"), fs.writesOf("io.weight"));
        assertEquals(List.of("8:0 rbps=1048576", "8:16 wbps=2048", "8:0 riops=100", "8:0 wiops=max"), fs.writesOf("io.max"));
    }

    @Test
    void withBfqTheBlkioWeightIsWrittenAsIs() {
        ContainerCgroup cg = created(null);
        fs.put("", "/user.slice/c1", "io.bfq.weight", "default 100\n");
        cg.apply(Resources.builder().blockIO(new BlockIo(OptionalInt.of(500), OptionalInt.empty(),
                List.of(new WeightDevice(8, 0, OptionalInt.of(200), OptionalInt.empty())), List.of(), List.of(),
                List.of(), List.of())).build());
        assertEquals(List.of("500", "8:0 200"), fs.writesOf("io.bfq.weight"));
        assertTrue(fs.writesOf("io.weight").isEmpty());
    }

    @Test
    void hugepagesRdmaAndUnifiedGoToTheirFilesUnifiedLast() {
        ContainerCgroup cg = created(null);
        cg.apply(Resources.builder().hugepageLimits(List.of(new HugepageLimit("2MB", 4L << 20), new HugepageLimit("1GB", 1L << 30)))
                .rdma(Map.of("mlx5_0", new Rdma(OptionalLong.of(3), OptionalLong.of(1000))))
                .memory(memory(1L << 30, 0))
                .unified(Map.of("memory.high", "536870912", "pids.max", "7")).build());
        assertEquals(Long.toString(4L << 20), fs.get("", "/user.slice/c1", "hugetlb.2MB.max"));
        // The reservation limit goes where the kernel has one (2MB here), and is not made where it has none.
        assertEquals(Long.toString(4L << 20), fs.get("", "/user.slice/c1", "hugetlb.2MB.rsvd.max"));
        assertEquals(Long.toString(1L << 30), fs.get("", "/user.slice/c1", "hugetlb.1GB.max"));
        assertTrue(fs.writes().stream().noneMatch(x -> x.contains("hugetlb.1GB.rsvd")), fs.writes().toString());
        assertEquals("mlx5_0 hca_handle=3 hca_object=1000", fs.get("", "/user.slice/c1", "rdma.max"));
        assertEquals("536870912", fs.get("", "/user.slice/c1", "memory.high"));
        List<String> w = fs.writes();
        assertTrue(w.indexOf(":/user.slice/c1/memory.max=1073741824") < w.indexOf(":/user.slice/c1/memory.high=536870912"), w.toString());
    }

    @Test
    void badValuesAreRefusedNamingTheFieldBeforeAnythingIsWritten() {
        ContainerCgroup cg = created(null);
        int before = fs.writes().size();
        assertField("linux.resources.memory.swap", () -> cg.apply(Resources.builder().memory(memory(200, 100)).build()));
        assertField("linux.resources.memory.swap", () -> cg.apply(Resources.builder()
                .memory(Memory.of(OptionalLong.empty(), OptionalLong.of(100))).build()));
        assertField("linux.resources.cpu.idle", () -> cg.apply(Resources.builder().cpu(new Cpu(OptionalLong.of(1024),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.of(1))).build()));
        assertField("linux.resources.cpu.shares", () -> cg.apply(Resources.builder().cpu(cpu(1L, null, null)).build()));
        assertField("linux.resources.cpu.realtimeRuntime", () -> cg.apply(Resources.builder().cpu(new Cpu(
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(1000),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty())).build()));
        assertField("linux.resources.unified[\"../memory.max\"]", () -> cg.apply(Resources.builder()
                .unified(Map.of("../memory.max", "1")).build()));
        assertField("linux.resources.unified[\"memoryhigh\"]", () -> cg.apply(Resources.builder()
                .unified(Map.of("memoryhigh", "1")).build()));
        assertField("linux.resources.network", () -> cg.apply(Resources.builder()
                .network(new Network(OptionalLong.of(0x100001), List.of())).build()));
        assertField("linux.resources.hugepageLimits[0].pageSize", () -> cg.apply(Resources.builder()
                .hugepageLimits(List.of(new HugepageLimit("2M", 1))).build()));
        assertField("linux.resources.blockIO.weight", () -> cg.apply(Resources.builder().blockIO(new BlockIo(
                OptionalInt.of(5000), OptionalInt.empty(), List.of(), List.of(), List.of(), List.of(), List.of())).build()));
        assertEquals(before, fs.writes().size(), "nothing was written: " + fs.writes());
    }

    private static void assertField(String field, Runnable action) {
        CgroupError e = assertThrows(CgroupError.class, action::run);
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void aValueTheKernelRefusesNamesTheField() {
        ContainerCgroup cg = created(null);
        fs.refuse("cpu.max", Errno.EINVAL);
        CgroupError e = assertThrows(CgroupError.class, () -> cg.apply(Resources.builder().cpu(cpu(null, 500L, 1000L)).build()));
        assertEquals("linux.resources.cpu.quota", e.field());
        assertEquals("linux.resources.cpu.quota: unable to set cpu.max to \"500 1000\": invalid argument", e.getMessage());
    }

    @Test
    void aControllerTheParentDoesNotDelegateIsRefusedNamingTheField() {
        ContainerCgroup cg = created(null);
        fs.put("", "/user.slice/c1", "cgroup.controllers", "cpu memory pids");
        CgroupError e = assertThrows(CgroupError.class, () -> cg.apply(Resources.builder()
                .hugepageLimits(List.of(new HugepageLimit("2MB", 1 << 21))).build()));
        assertEquals("linux.resources.hugepageLimits[0].limit", e.field());
        assertTrue(e.getMessage().contains("hugetlb controller is not available"), e.getMessage());
    }

    @Test
    void checkBeforeUpdateRefusesALimitBelowUsage() {
        ContainerCgroup cg = created(null);
        fs.put("", "/user.slice/c1", "memory.current", "1000000");
        Memory m = new Memory(OptionalLong.of(500000), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.of(true));
        CgroupError e = assertThrows(CgroupError.class, () -> cg.update(Resources.builder().memory(m).build()));
        assertEquals("linux.resources.memory.limit: rejecting memory limit 500000 below current usage 1000000", e.getMessage());
        assertTrue(fs.writesOf("memory.max").isEmpty());
    }

    @Test
    void deviceRulesBecomeTheCgroupsDeviceProgram() {
        ContainerCgroup cg = created(null);
        List<io.jrunc.domain.config.DeviceRule> rules = DeviceRules.forContainer(
                List.of(io.jrunc.domain.config.DeviceRule.denyAll()), List.of());
        cg.apply(Resources.builder().devices(rules).build());
        assertEquals(DeviceFilter.compile(rules), fs.devicePrograms().get("/user.slice/c1"));
    }

    @Test
    void freezeWaitsForCgroupEventsAndThawClearsIt() {
        ContainerCgroup cg = created(null);
        assertFalse(cg.frozen());
        cg.freeze();
        assertTrue(cg.frozen());
        cg.thaw();
        assertFalse(cg.frozen());
        assertEquals(List.of("1", "0"), fs.writesOf("cgroup.freeze"));
    }

    @Test
    void oomKillsAreCountedFromMemoryEvents() {
        ContainerCgroup cg = created(null);
        fs.put("", "/user.slice/c1", "memory.events", "low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\n");
        assertEquals(1, cg.oomKills());
    }

    @Test
    void statsConvertMicrosecondsAndReadMemoryIoPidsAndHugetlb() {
        ContainerCgroup cg = created(null);
        String p = "/user.slice/c1";
        fs.put("", p, "cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 10\nnr_throttled 2\n"
                + "throttled_usec 300\n");
        fs.put("", p, "memory.current", "4096");
        fs.put("", p, "memory.max", "8192");
        fs.put("", p, "memory.swap.current", "100");
        fs.put("", p, "memory.swap.max", "1000");
        fs.put("", p, "memory.stat", "anon 10\nfile 20\n");
        fs.put("", p, "memory.events", "low 0\nhigh 0\nmax 3\noom 0\n");
        fs.put("", p, "pids.current", "5");
        fs.put("", p, "io.stat", "8:0 rbytes=4096 wbytes=512 rios=2 wios=1 dbytes=0 dios=0\n");
        fs.put("", p, "hugetlb.2MB.current", "2097152");
        fs.put("", p, "cpuset.mems.effective", "0");
        CgroupStats s = cg.stats();
        assertEquals(1_500_000, s.cpu().usage().total());
        assertEquals(1_000_000, s.cpu().usage().user());
        assertEquals(500_000, s.cpu().usage().kernel());
        assertEquals(new CgroupStats.Throttling(10, 2, 300_000), s.cpu().throttling());
        assertEquals(new CgroupStats.MemoryEntry(8192, 4096, 0, 3), s.memory().usage());
        assertEquals(new CgroupStats.MemoryEntry(9192, 4196, 0, 0), s.memory().swap());
        assertEquals(20, s.memory().cache());
        assertEquals(Map.of("anon", 10L, "file", 20L), s.memory().raw());
        assertEquals(new CgroupStats.Pids(5, 0), s.pids(), "max reads as 0, as runc prints it");
        assertEquals(List.of(new CgroupStats.BlkioEntry(8, 0, "Read", 4096), new CgroupStats.BlkioEntry(8, 0, "Write", 512),
                new CgroupStats.BlkioEntry(8, 0, "Discard", 0)), s.blkio().ioServiceBytesRecursive());
        assertEquals(2097152, s.hugetlb().get("2MB").usage());
        assertEquals(List.of(0, 1), s.cpusetCpus());
        assertEquals(List.of(0), s.cpusetMems());
    }

    @Test
    void destroyRemovesTheCgroupOnceEmptyAndIsHarmlessWhenGone() {
        ContainerCgroup cg = created(null);
        cg.join(77);
        assertThrows(CgroupError.class, cg::destroy, "a cgroup with a process in it stays");
        fs.put("", "/user.slice/c1", "cgroup.procs", "");
        cg.destroy();
        assertFalse(fs.exists("", "/user.slice/c1"));
        cg.destroy();
        assertTrue(fs.exists("", "/user.slice"), "the parent is not the container's");
    }

    @Test
    void theDriverRebuildsTheCgroupFromSavedPaths() {
        ContainerCgroup cg = created(null);
        cg.join(99);
        ContainerCgroup again = new FsCgroupDriver(fs, procSelf("")).forExistingContainer(ContainerId.of("c1"), cg.paths());
        assertEquals(List.of(99), again.processes());
        assertTrue(again instanceof V2Cgroup);
    }
}
