package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * process.capabilities as the container's process has them: each of the five sets read from inside
 * (/proc/self/status), for root and for a user that keeps capabilities through the ambient set.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CapabilitiesTest extends RealContainers {
    /** CAP_KILL (5), CAP_NET_BIND_SERVICE (10), CAP_AUDIT_WRITE (29): the three of runc spec's default config. */
    private static final String RUNC_SPEC_DEFAULT = "0000000020000420";
    private static final String NONE = "0000000000000000";

    /** The Cap* lines of the container's pid 1 (exec'd grep), as "CapInh CapPrm CapEff CapBnd CapAmb". */
    private static final String READ_CAPS = "exec grep Cap /proc/self/status > /out/caps";

    private static void capabilities(ObjectNode config, List<String> bounding, List<String> effective,
                                     List<String> permitted, List<String> inheritable, List<String> ambient) {
        ObjectNode caps = ((ObjectNode) config.get("process")).putObject("capabilities");
        put(caps.putArray("bounding"), bounding);
        put(caps.putArray("effective"), effective);
        put(caps.putArray("permitted"), permitted);
        put(caps.putArray("inheritable"), inheritable);
        put(caps.putArray("ambient"), ambient);
    }

    private static void put(ArrayNode array, List<String> names) {
        names.forEach(array::add);
    }

    private String run(String backend, BusyboxBundle b) throws Exception {
        var run = CliRunner.run(backend, tmp.resolve("state"), "run", "--bundle", b.dir.toString(), "caps");
        assertEquals(0, run.status, run.toString());
        return b.output("caps");
    }

    private static String expected(String inh, String prm, String eff, String bnd, String amb) {
        return "CapInh:\t" + inh + "\nCapPrm:\t" + prm + "\nCapEff:\t" + eff + "\nCapBnd:\t" + bnd + "\nCapAmb:\t" + amb;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void rootGetsExactlyTheSetsOfRuncSpecsDefaultConfig(String backend) throws Exception {
        Backends.assumeLoads(backend);
        List<String> three = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell(READ_CAPS)
                .edit(c -> capabilities(c, three, three, three, List.of(), three)).write();

        // runc 1.1.5 shows the same: its ambient raises fail without inheritable capabilities, and it goes on.
        assertEquals(expected(NONE, RUNC_SPEC_DEFAULT, RUNC_SPEC_DEFAULT, RUNC_SPEC_DEFAULT, NONE), run(backend, b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aUserOtherThanRootKeepsItsCapabilitiesThroughTheAmbientSet(String backend) throws Exception {
        Backends.assumeLoads(backend);
        List<String> two = List.of("CAP_KILL", "CAP_NET_BIND_SERVICE");
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell(READ_CAPS).edit(c -> {
            capabilities(c, List.of("CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_CHOWN"), two, two, two, two);
            ((ObjectNode) c.get("process")).putObject("user").put("uid", 1000).put("gid", 1000);
        }).write();
        Files.setPosixFilePermissions(b.out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

        String kill = "0000000000000420";
        assertEquals(expected(kill, kill, kill, "0000000000000421", kill), run(backend, b));
    }

    /** As runc 1.1.5 on the same config: only what is inheritable too becomes ambient, and execve keeps that. */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void onlyAmbientCapabilitiesThatAreInheritableAreRaised(String backend) throws Exception {
        Backends.assumeLoads(backend);
        List<String> three = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell(READ_CAPS).edit(c -> {
            capabilities(c, three, three, three, List.of("CAP_KILL"), three);
            ((ObjectNode) c.get("process")).putObject("user").put("uid", 1000).put("gid", 1000);
        }).write();
        Files.setPosixFilePermissions(b.out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

        String kill = "0000000000000020";
        assertEquals(expected(kill, kill, kill, RUNC_SPEC_DEFAULT, kill), run(backend, b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aUserWithoutAmbientCapabilitiesEndsWithNoneButTheBoundingSet(String backend) throws Exception {
        Backends.assumeLoads(backend);
        List<String> two = List.of("CAP_KILL", "CAP_NET_BIND_SERVICE");
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell(READ_CAPS).edit(c -> {
            capabilities(c, two, two, two, List.of(), List.of());
            ((ObjectNode) c.get("process")).putObject("user").put("uid", 1000).put("gid", 1000);
        }).write();
        Files.setPosixFilePermissions(b.out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

        // The permitted and effective sets as asked are kept through the switch; execve of a program without file
        // capabilities then clears them for a user other than root (no ambient set to carry them).
        assertEquals(expected(NONE, NONE, NONE, "0000000000000420", NONE), run(backend, b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aCapabilityTheRuntimeItselfLacksFailsCreateAsInRunc(String backend) throws Exception {
        Backends.assumeLoads(backend);
        String status = Files.readString(Path.of("/proc/self/status"));
        RootTier.hostHas(status.contains("CapBnd:\t000001fffeffffff"),
                "a host whose runtime lacks CAP_SYS_RESOURCE, as this sandbox");
        List<String> resource = List.of("CAP_SYS_RESOURCE");
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("true")
                .edit(c -> capabilities(c, resource, resource, resource, List.of(), List.of())).write();

        var create = CliRunner.run(backend, tmp.resolve("state"), "create", "--bundle", b.dir.toString(), "c1");
        if (create.status == 0) {
            CliRunner.run(backend, tmp.resolve("state"), "delete", "--force", "c1");
        }

        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("operation not permitted"), create.toString());
        assertTrue(!Files.exists(tmp.resolve("state/c1")));
    }
}
