package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.cli.oci.ResourcesJson;
import io.jrunc.domain.cgroups.CgroupStats;
import io.jrunc.domain.config.Resources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** pause, resume, update, events and ps on the command line: flags, output, runc's errors and exit codes. */
class CgroupCommandsTest {
    private final CgroupCli cli = new CgroupCli();

    private static CgroupStats sample() {
        return new CgroupStats(
                new CgroupStats.Cpu(new CgroupStats.CpuUsage(5_000_000, List.of(3_000_000L, 2_000_000L), List.of(),
                        List.of(), 1_000_000, 4_000_000), new CgroupStats.Throttling(0, 0, 0)),
                List.of(0, 1),
                new CgroupStats.Memory(4096, new CgroupStats.MemoryEntry(67108864, 1048576, 2097152, 0),
                        CgroupStats.MemoryEntry.NONE, CgroupStats.MemoryEntry.NONE, CgroupStats.MemoryEntry.NONE,
                        Map.of("rss", 1040384L)),
                new CgroupStats.Pids(1, 0), CgroupStats.Blkio.NONE, Map.of());
    }

    private static final String SAMPLE_EVENT = "{\"type\":\"stats\",\"id\":\"web\",\"data\":{"
            + "\"cpu\":{\"usage\":{\"total\":5000000,\"percpu\":[3000000,2000000],\"kernel\":1000000,\"user\":4000000},"
            + "\"throttling\":{}},"
            + "\"cpuset\":{\"cpus\":[0,1],\"cpu_exclusive\":0,\"mem_hardwall\":0,\"mem_exclusive\":0,"
            + "\"memory_migrate\":0,\"memory_spread_page\":0,\"memory_spread_slab\":0,\"memory_pressure\":0,"
            + "\"sched_load_balance\":0,\"sched_relax_domain_level\":0},"
            + "\"memory\":{\"cache\":4096,\"usage\":{\"limit\":67108864,\"usage\":1048576,\"max\":2097152,\"failcnt\":0},"
            + "\"swap\":{\"limit\":0,\"failcnt\":0},\"kernel\":{\"limit\":0,\"failcnt\":0},"
            + "\"kernelTCP\":{\"limit\":0,\"failcnt\":0},\"raw\":{\"rss\":1040384}},"
            + "\"pids\":{\"current\":1},\"blkio\":{},\"hugetlb\":{},\"intel_rdt\":{},\"network_interfaces\":null}}";

    private Resources saved(String id) {
        return new ResourcesJson().read(cli.frozenConfig(id).getBytes(StandardCharsets.UTF_8)).get().get();
    }

    // pause, resume

    @Test
    void pauseThenResumeSucceedSilently() {
        cli.running("web");
        Cli.Result paused = cli.run("pause", "web");
        assertEquals(0, paused.status(), paused.toString());
        assertEquals("", paused.out());
        assertTrue(cli.cgroups.of("web").frozen);
        Cli.Result resumed = cli.run("resume", "web");
        assertEquals(0, resumed.status(), resumed.toString());
        assertFalse(cli.cgroups.of("web").frozen);
    }

    @Test
    void pauseAndResumeRefuseInRuncsWordsWithExitOne() {
        cli.running("web");
        Cli.Result notPaused = cli.run("resume", "web");
        assertEquals(1, notPaused.status());
        assertTrue(notPaused.err().contains("container not paused"), notPaused.toString());
        cli.run("pause", "web");
        Cli.Result again = cli.run("pause", "web");
        assertEquals(1, again.status());
        assertTrue(again.err().contains("container not running"), again.toString());
        Cli.Result missing = cli.run("pause", "nope");
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("container does not exist"), missing.toString());
    }

    @Test
    void withoutTheCgroupDriverWiredTheCommandsAreRefusedNotPretended() {
        Cli cliOnFake = Cli.run("--backend", "fake", "pause", "nope");
        assertEquals(1, cliOnFake.status);
        assertTrue(cliOnFake.err.contains("container does not exist"), cliOnFake.toString());
        assertFalse(cliOnFake.err.contains("not implemented"), cliOnFake.toString());
    }

    // update

    @Test
    void updateReadsSizesWithUnitsAndNumbersAsRuncDoes() {
        cli.running("web");
        Cli.Result r = cli.run("update", "--memory", "64M", "--memory-swap", "1g", "--memory-reservation", "512k",
                "--cpu-quota", "50000", "--cpu-period", "100000", "--cpu-share", "256", "--cpuset-cpus", "0-1",
                "--pids-limit", "20", "--blkio-weight", "300", "web");
        assertEquals(0, r.status(), r.toString());
        Resources sent = cli.cgroups.of("web").updates.get(0);
        assertEquals(OptionalLong.of(64L << 20), sent.memory().get().limit());
        assertEquals(OptionalLong.of(1L << 30), sent.memory().get().swap());
        assertEquals(OptionalLong.of(512L << 10), sent.memory().get().reservation());
        assertEquals(OptionalLong.of(50000), sent.cpu().get().quota());
        assertEquals(OptionalLong.of(100000), sent.cpu().get().period());
        assertEquals(OptionalLong.of(256), sent.cpu().get().shares());
        assertEquals(java.util.Optional.of("0-1"), sent.cpu().get().cpus());
        assertEquals(20, sent.pids().get().limit());
        assertEquals(OptionalInt.of(300), sent.blockIO().get().weight());
    }

    @Test
    void updateMergesIntoTheFrozenConfigSoStateAndLaterUpdatesSeeIt() {
        cli.running("web");
        assertEquals(0, cli.run("update", "--memory", "64m", "web").status());
        Resources kept = saved("web");
        assertEquals(OptionalLong.of(64L << 20), kept.memory().get().limit());
        assertEquals(OptionalLong.of(512), kept.cpu().get().shares(), "what update did not name stays");
        assertTrue(cli.frozenConfig("web").contains("\"hostname\": \"web\""), cli.frozenConfig("web"));
        assertTrue(cli.frozenConfig("web").contains("\"namespaces\""), cli.frozenConfig("web"));
    }

    @Test
    void minusOneIsUnlimitedAndTakesSwapWithIt() {
        cli.running("web");
        assertEquals(0, cli.run("update", "--memory", "-1", "web").status());
        Resources sent = cli.cgroups.of("web").updates.get(0);
        assertEquals(OptionalLong.of(-1), sent.memory().get().limit());
        assertEquals(OptionalLong.of(-1), sent.memory().get().swap());
    }

    @Test
    void aBadValueIsRefusedNamingItsFlagAndNothingIsWritten() {
        cli.running("web");
        assertRefused("invalid value for memory: invalid size: '12x'", "update", "--memory", "12x", "web");
        assertRefused("invalid value for cpu-share: strconv.ParseUint: parsing \"-5\": invalid syntax",
                "update", "--cpu-share", "-5", "web");
        assertRefused("invalid value for cpu-quota: strconv.ParseInt: parsing \"lots\": invalid syntax",
                "update", "--cpu-quota", "lots", "web");
        assertRefused("invalid value \"abc\" for flag -pids-limit: parse error", "update", "--pids-limit", "abc", "web");
        assertRefused("Intel RDT/CAT: l3 cache schema is not enabled", "update", "--l3-cache-schema", "L3:0=f", "web");
        assertRefused("Intel RDT/MBA: memory bandwidth schema is not enabled", "update", "--mem-bw-schema", "MB:0=50",
                "web");
        assertTrue(cli.cgroups.of("web").updates.isEmpty());
        assertEquals(CgroupCli.CONFIG, cli.frozenConfig("web"));
    }

    @Test
    void resourcesFromStdinAsContainerdSendsThemAndTheFlagsAreThenIgnored() {
        cli.running("web");
        Cli.Result r = cli.runWithStdin("{\"memory\":{\"limit\":1048576,\"swap\":2097152},\"cpu\":{\"shares\":128}}",
                "update", "--resources=-", "--memory", "9m", "web");
        assertEquals(0, r.status(), r.toString());
        Resources sent = cli.cgroups.of("web").updates.get(0);
        assertEquals(OptionalLong.of(1048576), sent.memory().get().limit());
        assertEquals(OptionalLong.of(2097152), sent.memory().get().swap());
        assertEquals(OptionalLong.of(128), sent.cpu().get().shares());
        assertEquals(OptionalLong.of(128), saved("web").cpu().get().shares());
    }

    @Test
    void resourcesFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        cli.running("web");
        java.nio.file.Path file = tmp.resolve("resources.json");
        java.nio.file.Files.writeString(file, "{\"pids\":{\"limit\":32},\"blockIO\":{\"weight\":500}}");
        Cli.Result r = cli.run("update", "-r", file.toString(), "web");
        assertEquals(0, r.status(), r.toString());
        assertEquals(32, saved("web").pids().get().limit());
        assertEquals(OptionalInt.of(500), saved("web").blockIO().get().weight());
        assertEquals(OptionalLong.of(100 << 20), saved("web").memory().get().limit());
    }

    @Test
    void resourcesJsonErrorsNameTheirJsonPath() {
        cli.running("web");
        Cli.Result r = cli.runWithStdin("{\"memory\":{\"limit\":\"lots\"},\"cpu\":{\"shares\":-1}}",
                "update", "-r", "-", "web");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("memory.limit: expected a 64-bit integer, got \\\"lots\\\""), r.toString());
        assertTrue(r.err().contains("cpu.shares: expected an unsigned 64-bit integer, got -1"), r.toString());
        assertTrue(cli.cgroups.of("web").updates.isEmpty());
        assertRefused("open /nonexistent/resources.json: no such file or directory",
                "update", "-r", "/nonexistent/resources.json", "web");
    }

    @Test
    void aStoppedContainerIsNotUpdated() {
        int pid = cli.running("web");
        cli.kernel.exit(pid, 0);
        assertRefused("container not running", "update", "--memory", "1m", "web");
    }

    // events

    @Test
    void eventsStatsPrintsOneStatsEventShapedAsRuncs() {
        cli.running("web");
        cli.cgroups.of("web").stats = sample();
        Cli.Result r = cli.run("events", "--stats", "web");
        assertEquals(0, r.status(), r.toString());
        assertEquals(SAMPLE_EVENT + "\n", r.out());
    }

    @Test
    void eventsWithoutStatsSamplesEveryIntervalUntilTheContainerStops() {
        int pid = cli.running("web");
        cli.cgroups.of("web").stats = sample();
        Thread stopper = new Thread(() -> {
            try {
                while (cli.cgroups.of("web").statsRead.get() < 2) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                return;
            }
            cli.kernel.exit(pid, 0);
        });
        stopper.start();
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> cli.run("events", "--interval", "20ms", "web"));
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.size() >= 2, r.toString());
        lines.forEach(line -> assertEquals(SAMPLE_EVENT, line));
    }

    @Test
    void eventsRefusalsAreRuncs() {
        int pid = cli.running("web");
        assertRefused("duration interval must be greater than 0", "events", "--interval", "0s", "web");
        assertRefused("invalid value \"soon\" for flag -interval: time: invalid duration \"soon\"",
                "events", "--interval", "soon", "web");
        assertRefused("time: missing unit in duration \"5\"", "events", "--interval", "5", "web");
        cli.kernel.exit(pid, 0);
        assertRefused("container with id web is not running", "events", "--stats", "web");
        assertRefused("container does not exist", "events", "nope");
    }

    // ps

    @Test
    void psJsonPrintsTheCgroupsPids() {
        int pid = cli.running("web");
        cli.cgroups.of("web").processes.add(4242);
        Cli.Result r = cli.run("ps", "--format", "json", "web");
        assertEquals(0, r.status(), r.toString());
        assertEquals("[" + pid + ",4242]\n", r.out());
        cli.cgroups.of("web").processes.clear();
        assertEquals("null\n", cli.run("ps", "-f", "json", "web").out());
        assertRefused("invalid format option", "ps", "-f", "yaml", "web");
    }

    @Test
    void psTableIsTheHostsPsCutDownToTheContainersProcesses() {
        cli.running("web");
        int self = (int) ProcessHandle.current().pid();
        cli.cgroups.of("web").processes.clear();
        cli.cgroups.of("web").processes.add(self);
        Cli.Result r = cli.run("ps", "web");
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.toString());
        assertTrue(lines.get(0).matches("UID\\s+PID\\s+PPID.*CMD"), r.toString());
        assertEquals(Integer.toString(self), lines.get(1).trim().split("\\s+")[1]);
    }

    @Test
    void psOptionsAfterTheIdGoToPs() {
        cli.running("web");
        int self = (int) ProcessHandle.current().pid();
        cli.cgroups.of("web").processes.clear();
        cli.cgroups.of("web").processes.add(self);
        Cli.Result r = cli.run("ps", "web", "-o", "pid,comm");
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("PID", "COMMAND"), List.of(lines.get(0).trim().split("\\s+")));
        assertEquals(Integer.toString(self), lines.get(1).trim().split("\\s+")[0]);
        Cli.Result failing = cli.run("ps", "web", "--no-such-ps-option");
        assertEquals(1, failing.status());
        assertTrue(failing.err().contains("exit status 1: "), failing.toString());
    }

    private void assertRefused(String message, String... args) {
        Cli.Result r = cli.run(args);
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains(message.replace("\"", "\\\"")), "expected " + message + " in\n" + r);
    }
}
