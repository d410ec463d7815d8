package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.SpecReader;
import io.jrunc.cli.oci.SpecWriter;
import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a valid config asks that a host cannot give, against a stand-in /proc and /sys in a temp directory. */
class HostSupportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path host;

    @BeforeEach
    void aTwoCpuOneNodeHostWithTimeNamespacesAndAnEth0() throws IOException {
        write("sys/devices/system/cpu/online", "0-1\n");
        write("sys/devices/system/node/online", "0\n");
        write("proc/self/ns/time", "");
        write("proc/self/mountinfo", "22 1 0:21 / /proc rw - proc proc rw\n");
        Files.createDirectories(host.resolve("sys/class/net/eth0"));
    }

    private void write(String path, String content) throws IOException {
        Files.createDirectories(host.resolve(path).getParent());
        Files.writeString(host.resolve(path), content);
    }

    private List<String> problems(Consumer<ObjectNode> change) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(SpecWriter.write(DefaultSpecs.runc()));
        change.accept(config);
        Spec spec = SpecReader.read(JSON.writeValueAsString(config).getBytes(StandardCharsets.UTF_8)).get();
        return new HostSupport(host).problems(spec);
    }

    private static ObjectNode linux(ObjectNode c) {
        return (ObjectNode) c.get("linux");
    }

    private static ObjectNode process(ObjectNode c) {
        return (ObjectNode) c.get("process");
    }

    @Test
    void whatTheHostHasPasses() throws IOException {
        assertEquals(List.of(), problems(c -> {
            process(c).putObject("execCPUAffinity").put("initial", "0-1").put("final", "1");
            linux(c).putObject("memoryPolicy").put("mode", "MPOL_BIND").put("nodes", "0");
            ((ArrayNode) linux(c).get("namespaces")).addObject().put("type", "time");
            linux(c).putObject("netDevices").putObject("eth0").put("name", "eth1");
            process(c).putObject("scheduler").put("policy", "SCHED_BATCH");
        }));
    }

    @Test
    void whatItLacksIsNamedByItsJsonPath() throws IOException {
        Files.delete(host.resolve("proc/self/ns/time"));
        assertEquals(List.of(
                "intelRdt is specified in config, but Intel RDT is not supported or enabled",
                "process.execCPUAffinity.initial: CPUs [2, 3] not online on this host (online: [0, 1])",
                "linux.memoryPolicy.nodes: NUMA node [1] not online on this host (online: [0])",
                "process.scheduler.policy: SCHED_ISO is not implemented by this kernel",
                "linux.namespaces: this kernel has no time namespace (Linux 5.6 or later has)",
                "linux.netDevices[\"eth9\"]: no network device of that name on this host"), problems(c -> {
                    linux(c).putObject("intelRdt").put("closID", "x");
                    process(c).putObject("execCPUAffinity").put("initial", "0-3");
                    linux(c).putObject("memoryPolicy").put("mode", "MPOL_BIND").put("nodes", "0-1");
                    process(c).putObject("scheduler").put("policy", "SCHED_ISO");
                    ((ArrayNode) linux(c).get("namespaces")).addObject().put("type", "time");
                    linux(c).putObject("netDevices").putObject("eth9");
                }));
    }

    @Test
    void aMountedResctrlLetsIntelRdtThroughToTheUnsupportedList() throws IOException {
        write("proc/self/mountinfo", "40 22 0:40 / /sys/fs/resctrl rw - resctrl resctrl rw\n");
        assertEquals(List.of(), problems(c -> linux(c).putObject("intelRdt").put("closID", "x")));
    }

    @Test
    void personalityFlagsAreLeftOutWithRuncsWarning() throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(SpecWriter.write(DefaultSpecs.runc()));
        linux(config).putObject("personality").put("domain", "LINUX").putArray("flags").add("SOME_FLAG");
        Spec spec = SpecReader.read(JSON.writeValueAsString(config).getBytes(StandardCharsets.UTF_8)).get();
        assertEquals(List.of("ignoring unsupported personality flags: [SOME_FLAG] because personality flag has not "
                + "supported at this time"), HostSupport.warnings(spec));
    }
}
