package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The process and platform fields of runtime-spec 1.2/1.3, read back from inside the container's program: what the
 * init set on itself is what the program inherited through execve. And what this host cannot do is refused
 * before anything is made.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PlatformFieldsTest extends RealContainers {
    private static ObjectNode process(ObjectNode config) {
        return (ObjectNode) config.get("process");
    }

    private static ObjectNode linux(ObjectNode config) {
        return (ObjectNode) config.get("linux");
    }

    /** Runs {@code script} in a container with {@code change}; answers what it wrote to /out/result. */
    private String run(String backend, String script, Consumer<ObjectNode> change) throws Exception {
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("{ " + script + "; } > /out/result").edit(change).write();
        CliRunner.Result run = jrunc(backend, "run", "--bundle", b.dir.toString(), "platform");
        assertEquals(0, run.status, run.toString());
        return b.output("result");
    }

    private int bundles;

    /** A create that must fail before anything is made: its errors, with no state, init or cgroup left. */
    private String refused(String backend, Consumer<ObjectNode> change) throws Exception {
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("refused-" + ++bundles)).shell("true").edit(change).write();
        CliRunner.Result create = jrunc(backend, "create", "--bundle", b.dir.toString(), "refused");
        assertEquals(1, create.status, create.toString());
        assertFalse(Files.exists(root.resolve("refused")), "no state directory is left");
        assertEquals(List.of(), LeftBehind.cgroups("refused"), "no cgroup is left");
        return create.err;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void linux32MakesTheProgramSeeAnI686(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")), "PER_LINUX32 names i686 on x86-64");

        String out = run(backend, "uname -m; cat /proc/self/personality",
                c -> linux(c).putObject("personality").put("domain", "LINUX32"));

        assertEquals("i686\n00000008", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void ioPriorityAndSchedulerAreTheProgramsOwn(String backend) throws Exception {
        Backends.assumeLoads(backend);

        // /proc/self/stat: field 19 is the nice value; /proc/self/sched names the policy by number (3: SCHED_BATCH).
        String out = run(backend, "ionice; cut -d' ' -f19 /proc/self/stat; grep -E '^policy' /proc/self/sched "
                + "| tr -s ' '", c -> {
            process(c).putObject("ioPriority").put("class", "IOPRIO_CLASS_BE").put("priority", 6);
            process(c).putObject("scheduler").put("policy", "SCHED_BATCH").put("nice", 7);
        });

        assertEquals("best-effort: prio 6\n7\npolicy : 3", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theIdleIoClassAndSchedIdle(String backend) throws Exception {
        Backends.assumeLoads(backend);

        String out = run(backend, "ionice; grep -E '^policy' /proc/self/sched | tr -s ' '", c -> {
            process(c).putObject("ioPriority").put("class", "IOPRIO_CLASS_IDLE").put("priority", 0);
            process(c).putObject("scheduler").put("policy", "SCHED_IDLE");
        });

        assertEquals("idle\npolicy : 5", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theMemoryPolicyIsTheProgramsDefault(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/devices/system/node/node0")), "a NUMA kernel with node 0");

        // runc's own test reads the policy of the first mapping the same way.
        String out = run(backend, "head -n 1 /proc/self/numa_maps | cut -d' ' -f2", c -> linux(c)
                .putObject("memoryPolicy").put("mode", "MPOL_BIND").put("nodes", "0")
                .putArray("flags").add("MPOL_F_STATIC_NODES"));

        assertEquals("bind=static:0", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theInitialCpusStayWhenNoFinalOnesAreGiven(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Assumptions.assumeTrue(online().contains(0), "CPU 0 online");

        String out = run(backend, "grep Cpus_allowed_list /proc/self/status",
                c -> process(c).putObject("execCPUAffinity").put("initial", "0"));

        assertEquals("Cpus_allowed_list:\t0", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theProgramStartsOnTheFinalCpus(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Assumptions.assumeTrue(online().containsAll(List.of(0, 1)), "CPUs 0 and 1 online");

        String out = run(backend, "grep Cpus_allowed_list /proc/self/status",
                c -> process(c).putObject("execCPUAffinity").put("initial", "0").put("final", "1"));

        assertEquals("Cpus_allowed_list:\t1", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aNewTimeNamespaceHasTheOffsetsOfTheConfig(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/ns/time")), "a kernel with time namespaces");
        String hostNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/time")).toString();

        String out = run(backend, "cat /proc/self/timens_offsets | tr -s ' '; readlink /proc/self/ns/time", c -> {
            ((ArrayNode) linux(c).get("namespaces")).addObject().put("type", "time");
            ObjectNode offsets = linux(c).putObject("timeOffsets");
            offsets.putObject("monotonic").put("secs", 7881).put("nanosecs", 2718281);
            offsets.putObject("boottime").put("secs", 1337).put("nanosecs", 3141519);
        });

        List<String> lines = out.lines().toList();
        assertEquals(List.of("monotonic 7881 2718281", "boottime 1337 3141519"), lines.subList(0, 2));
        assertTrue(lines.get(2).startsWith("time:[") && !lines.get(2).equals(hostNamespace),
                "the program is in a time namespace of its own: " + out);
        // The runtime's thread made it for its children only: this JVM is still in the host's.
        assertEquals(hostNamespace, Files.readSymbolicLink(Path.of("/proc/self/ns/time")).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void intelRdtWithoutResctrlIsRefusedInRuncsWords(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Assumptions.assumeFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(" - resctrl "),
                "a host without a resctrl filesystem");

        String err = refused(backend, c -> linux(c).putObject("intelRdt").put("closID", "jrunc"));

        assertTrue(err.contains("intelRdt is specified in config, but Intel RDT is not supported or enabled"), err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void whatThisHostCannotDoIsRefusedBeforeAnythingIsMade(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Assumptions.assumeFalse(online().contains(4000), "no CPU 4000 here");
        Assumptions.assumeFalse(Files.exists(Path.of("/sys/devices/system/node/node1000")), "no NUMA node 1000");

        String err = refused(backend, c -> {
            process(c).putObject("execCPUAffinity").put("final", "4000");
            process(c).putObject("scheduler").put("policy", "SCHED_ISO");
            linux(c).putObject("memoryPolicy").put("mode", "MPOL_BIND").put("nodes", "1000");
        });

        assertTrue(err.contains("process.execCPUAffinity.final: CPU [4000] not online on this host"), err);
        assertTrue(err.contains("process.scheduler.policy: SCHED_ISO is not implemented by this kernel"), err);
        assertTrue(err.contains("linux.memoryPolicy.nodes: NUMA node [1000] not online on this host"), err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void badValuesAreRefusedWithTheirJsonPaths(String backend) throws Exception {
        Backends.assumeLoads(backend);

        String err = refused(backend, c -> {
            process(c).putObject("execCPUAffinity").put("initial", "1-0").put("final", "x");
            process(c).putObject("ioPriority").put("class", "IOPRIO_CLASS_RT").put("priority", 9);
            process(c).putObject("scheduler").put("policy", "SCHED_OTHER").put("nice", 40);
            linux(c).putObject("memoryPolicy").put("mode", "MPOL_INTERLEAVE").put("nodes", "0,,");
            linux(c).putObject("timeOffsets").putObject("monotonic").put("secs", 1);
        });

        assertTrue(err.contains("process.execCPUAffinity.initial: invalid CPU list \\\"1-0\\\""), err);
        assertTrue(err.contains("process.execCPUAffinity.final: invalid CPU list \\\"x\\\""), err);
        assertTrue(err.contains("process.ioPriority.priority"), err);
        assertTrue(err.contains("process.scheduler.nice"), err);
        assertTrue(err.contains("linux.memoryPolicy.nodes: invalid node list"), err);
        assertTrue(err.contains("linux.timeOffsets: requires a time namespace"), err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void joiningATimeNamespaceIsRefused(String backend) throws Exception {
        Backends.assumeLoads(backend);

        String err = refused(backend, c -> ((ArrayNode) linux(c).get("namespaces")).addObject()
                .put("type", "time").put("path", "/proc/1/ns/time"));

        assertTrue(err.contains("not supported yet: joining a time namespace"), err);
    }

    /** A veth pair of the host's (this kernel has no dummy driver): one end moves, its peer stays behind. */
    private static final String VETH = "jrpf-veth0";
    private static final String PEER = "jrpf-veth1";

    private static int ip(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    private static boolean hostHas(String link) {
        return Files.exists(Path.of("/sys/class/net", link));
    }

    private void withVeth(ThrowingRunnable test) throws Exception {
        ip("link", "del", VETH);
        Assumptions.assumeTrue(ip("link", "add", VETH, "type", "veth", "peer", "name", PEER) == 0, "veth links");
        try {
            test.run();
        } finally {
            ip("link", "del", VETH);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void moveVeth(ObjectNode config, String name) {
        linux(config).putObject("netDevices").putObject(VETH).put("name", name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aHostLinkMovesInRenamedAndComesBackOnDelete(String backend) throws Exception {
        Backends.assumeLoads(backend);
        withVeth(() -> {
            BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle"))
                    .shell("ls /sys/class/net | tr '\\n' ' ' > /out/result").edit(c -> moveVeth(c, "eth1")).write();
            assertEquals(0, jrunc(backend, "create", "--bundle", b.dir.toString(), "netdev").status);
            assertFalse(hostHas(VETH), "moved out of the host's namespace");
            assertTrue(hostHas(PEER), "its peer stays");
            assertEquals(0, jrunc(backend, "start", "netdev").status);
            waitFor(() -> Files.exists(b.out.resolve("result")) && !b.output("result").isEmpty());
            assertEquals("eth1 lo", b.output("result"));

            // The program has ended; the init's namespace may still be held until delete reaps it. A created
            // container is the case runc 1.3 gives back: try it too.
            assertEquals(0, jrunc(backend, "delete", "--force", "netdev").status);
            BusyboxBundle again = BusyboxBundle.in(tmp.resolve("bundle2")).shell("true")
                    .edit(c -> moveVeth(c, "eth1")).write();
            ip("link", "del", VETH);
            assertEquals(0, ip("link", "add", VETH, "type", "veth", "peer", "name", PEER));
            assertEquals(0, jrunc(backend, "create", "--bundle", again.dir.toString(), "netdev2").status);
            assertFalse(hostHas(VETH));
            assertEquals(0, jrunc(backend, "delete", "netdev2").status);
            assertTrue(hostHas(VETH), "given back to the host under its own name on delete");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aFailedCreateGivesTheLinkBack(String backend) throws Exception {
        Backends.assumeLoads(backend);
        withVeth(() -> {
            BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).edit(c -> {
                moveVeth(c, "eth1");
                process(c).putArray("args").add("/no/such/program");
            }).write();
            assertEquals(1, jrunc(backend, "create", "--bundle", b.dir.toString(), "netdev").status);
            assertTrue(hostHas(VETH), "the link is the host's again");
            assertFalse(Files.exists(root.resolve("netdev")));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aLinkTheHostLacksOrAJoinedNamespaceIsRefused(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Assumptions.assumeFalse(hostHas("jrpf-none"));

        String missing = refused(backend, c -> linux(c).putObject("netDevices").putObject("jrpf-none"));
        assertTrue(missing.contains("linux.netDevices[\\\"jrpf-none\\\"]: no network device of that name on this host"),
                missing);

        String joined = refused(backend, c -> {
            linux(c).putObject("netDevices").putObject("jrpf-none").put("name", "eth1");
            ArrayNode namespaces = (ArrayNode) linux(c).get("namespaces");
            for (var ns : namespaces) {
                if (ns.get("type").asText().equals("network")) {
                    ((ObjectNode) ns).put("path", "/proc/1/ns/net");
                }
            }
        });
        assertTrue(joined.contains("requires a new network namespace"), joined);
    }

    private static List<Integer> online() throws IOException {
        return io.jrunc.domain.config.CpuList.parse(Files.readString(Path.of("/sys/devices/system/cpu/online")).trim())
                .map(List::copyOf).orElse(List.of());
    }
}
