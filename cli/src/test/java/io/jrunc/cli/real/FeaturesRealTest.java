package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code jrunc features} advertises on this host works on this host: one real container uses every
 * advertised seccomp architecture, flag, action and operator, every advertised namespace and capability, and
 * runs. The architectures and flags are the ones the host's libseccomp and kernel answered for, through the
 * backend under test.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeaturesRealTest extends RealContainers {
    /** Calls a shell that prints a line never makes: a rule on them changes nothing for the container. */
    private static final List<String> UNUSED_CALLS = List.of("acct", "swapon", "swapoff", "kexec_load",
            "init_module", "finit_module", "delete_module", "quotactl", "vhangup", "settimeofday", "adjtimex",
            "uselib", "ustat", "sysfs", "lookup_dcookie", "kexec_file_load");

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aContainerUsingEverythingAdvertisedRuns(String backend) throws Exception {
        Backends.assumeLoads(backend);
        var printed = jrunc(backend, "features");
        assertEquals(0, printed.status, printed.toString());
        JsonNode features = new ObjectMapper().readTree(printed.out);
        JsonNode linux = features.get("linux");
        JsonNode seccomp = linux.get("seccomp");
        assertTrue(seccomp != null && seccomp.get("enabled").asBoolean(), "libseccomp is installed here: " + printed);
        assertTrue(strings(seccomp.get("archs")).contains("SCMP_ARCH_X86_64")
                || strings(seccomp.get("archs")).contains("SCMP_ARCH_AARCH64"), printed.out);
        assertTrue(strings(seccomp.get("knownFlags")).containsAll(strings(seccomp.get("supportedFlags"))));

        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("echo ran > /out/ran")
                .edit(c -> useEverything(c, linux)).write();
        if (strings(linux.get("namespaces")).contains("user")) {
            // The user namespace maps the container's root to host uid 100000, which must reach the rootfs and
            // write /out.
            ObjectNode l = (ObjectNode) b.config.get("linux");
            for (String map : List.of("uidMappings", "gidMappings")) {
                l.putArray(map).addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
            }
            b.write();
            java.nio.file.Files.setPosixFilePermissions(tmp,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            assertEquals(0, new ProcessBuilder("chown", "-R", "100000:100000", b.out.toString()).start().waitFor());
        }
        // An advertised SCMP_ACT_NOTIFY needs an agent at listenerPath: one that takes the fd and the state, and
        // answers nothing (the notified syscall is one the container never makes).
        var agent = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        java.nio.file.Path socket = tmp.resolve("agent.sock");
        agent.bind(java.net.UnixDomainSocketAddress.of(socket));
        Thread taker = new Thread(() -> {
            try (var connection = agent.accept()) {
                connection.read(java.nio.ByteBuffer.allocate(65536));
            } catch (java.io.IOException e) {
                // closed by the test
            }
        });
        taker.start();
        if (strings(seccomp.get("actions")).contains("SCMP_ACT_NOTIFY")) {
            ObjectNode used = (ObjectNode) b.config.get("linux").get("seccomp");
            used.put("listenerPath", socket.toString());
            // The one pair the kernel refuses (seccomp(2): a listener with TSYNC), and the validator says so.
            ArrayNode flags = used.putArray("flags");
            strings(seccomp.get("supportedFlags")).stream().filter(f -> !f.equals("SECCOMP_FILTER_FLAG_TSYNC"))
                    .forEach(flags::add);
            b.write();
        }
        var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "feat-" + backend);
        agent.close();
        taker.join(5000);

        assertEquals(0, run.status, run + "\nwith " + printed.out);
        assertEquals("ran", b.output("ran"));
    }

    private static void useEverything(ObjectNode config, JsonNode advertised) {
        ObjectNode linux = (ObjectNode) config.get("linux");
        ArrayNode namespaces = (ArrayNode) linux.get("namespaces");
        for (String type : strings(advertised.get("namespaces"))) {
            if (!namespaces.findValuesAsText("type").contains(type)) {
                namespaces.addObject().put("type", type);
            }
        }
        // The spec's list is of names the runtime knows, "including capabilities that might not be supported by
        // the host": the container gets those of them that this process holds (this host lacks some).
        long held = heldCapabilities();
        ObjectNode caps = ((ObjectNode) config.get("process")).putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode list = caps.putArray(set);
            for (String name : strings(advertised.get("capabilities"))) {
                int bit = io.jrunc.domain.config.Capability.valueOf(name.substring("CAP_".length())).ordinal();
                if ((held & (1L << bit)) != 0) {
                    list.add(name);
                }
            }
        }
        JsonNode offered = advertised.get("seccomp");
        ObjectNode seccomp = linux.putObject("seccomp");
        seccomp.put("defaultAction", "SCMP_ACT_ALLOW");
        ArrayNode archs = seccomp.putArray("architectures");
        strings(offered.get("archs")).forEach(archs::add);
        ArrayNode flags = seccomp.putArray("flags");
        strings(offered.get("supportedFlags")).forEach(flags::add);
        ArrayNode rules = seccomp.putArray("syscalls");
        Iterator<String> unused = UNUSED_CALLS.iterator();
        for (String action : strings(offered.get("actions"))) {
            if (!action.equals("SCMP_ACT_ALLOW")) { // the default already: libseccomp takes no rule that repeats it
                rules.addObject().put("action", action).putArray("names").add(unused.next());
            }
        }
        for (String op : strings(offered.get("operators"))) {
            ObjectNode rule = rules.addObject().put("action", "SCMP_ACT_ERRNO");
            rule.putArray("names").add(unused.next());
            rule.putArray("args").addObject().put("index", 0).put("value", 1).put("valueTwo", 1).put("op", op);
        }
    }

    /** This process's effective set, from /proc/self/status's CapEff (the ordinals are the kernel's bits). */
    private static long heldCapabilities() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no CapEff in /proc/self/status");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
