package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A container in a user namespace of its own (linux.uidMappings, gidMappings), run by root: the container's ids
 * are the mapped ones on the host, its files and the files the runtime made for it are its root's.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UserNamespaceTest extends RealContainers {
    /** Two uid ranges, one gid range: uid 0-999 is host 100000-100999, uid 1000-1999 host 300000-300999. */
    private static final String UID_MAP = "0 100000 1000\n1000 300000 1000";
    private static final String GID_MAP = "0 100000 65536";

    /** A busybox bundle with a new user namespace, its rootfs and /out owned by the mapped root. */
    private BusyboxBundle bundle(String script) throws Exception {
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell(script).edit(c -> {
            ObjectNode linux = (ObjectNode) c.get("linux");
            ((ArrayNode) linux.get("namespaces")).addObject().put("type", "user");
            ArrayNode uids = linux.putArray("uidMappings");
            uids.addObject().put("containerID", 0).put("hostID", 100000).put("size", 1000);
            uids.addObject().put("containerID", 1000).put("hostID", 300000).put("size", 1000);
            linux.putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
            ((ObjectNode) c.get("root")).put("readonly", false);
            // A mount point the runtime has to make, two levels deep.
            ObjectNode tmpfs = ((ArrayNode) c.get("mounts")).addObject();
            tmpfs.put("destination", "/made/deep").put("type", "tmpfs").put("source", "tmpfs");
        });
        // The container's root (host uid 100000) mounts /proc on a path under the test's directory, as runc's does.
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        chown(b.rootfs, "100000:100000");
        chown(b.out, "100000:100000");
        return b.write();
    }

    /**
     * A second bundle that joins the user, network, IPC and UTS namespaces of the container whose init is
     * {@code pid} by their /proc paths, with new mount and pid namespaces of its own (which the joined user
     * namespace then owns), as a pod's container joins its sandbox's.
     */
    private BusyboxBundle joiner(int pid, String script, boolean mappings) throws Exception {
        BusyboxBundle j = BusyboxBundle.in(tmp.resolve("joiner")).shell(script).edit(c -> {
            ObjectNode linux = (ObjectNode) c.get("linux");
            ArrayNode namespaces = linux.putArray("namespaces");
            namespaces.addObject().put("type", "pid");
            namespaces.addObject().put("type", "mount");
            for (String type : List.of("user", "network", "ipc", "uts")) {
                namespaces.addObject().put("type", type)
                        .put("path", "/proc/" + pid + "/ns/" + (type.equals("network") ? "net" : type));
            }
            if (mappings) {
                ArrayNode uids = linux.putArray("uidMappings");
                uids.addObject().put("containerID", 0).put("hostID", 100000).put("size", 1000);
                uids.addObject().put("containerID", 1000).put("hostID", 300000).put("size", 1000);
                linux.putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000)
                        .put("size", 65536);
            }
            ((ObjectNode) c.get("root")).put("readonly", false);
        });
        chown(j.rootfs, "100000:100000");
        chown(j.out, "100000:100000");
        return j.write();
    }

    /** The sandbox: a created container with a user namespace, whose init waits; returns its pid. */
    private int sandbox(String backend, String id) throws Exception {
        BusyboxBundle b = bundle("sleep 60");
        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), id);
        assertEquals(0, create.status, create.toString());
        return new ObjectMapper().readTree(jrunc(backend, "state", id).out).get("pid").asInt();
    }

    private static void chown(Path path, String owner) throws Exception {
        Process p = new ProcessBuilder("chown", "-R", "-h", owner, path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    private static int uid(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static String words(String text) {
        return String.join(" ", text.trim().split("\\s+"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theContainersRootIsTheMappedUidAndOwnsWhatTheRuntimeMade(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundle("id -u > /out/uid; id -g > /out/gid; cat /proc/self/uid_map > /out/uid_map;"
                + " cat /proc/self/gid_map > /out/gid_map; echo x > /dev/null && cat /dev/null > /out/devnull"
                + " && echo ok > /out/devnull; echo hi > /written;"
                + " stat -c '%n %u:%g' /dev /dev/null /dev/zero /dev/shm /dev/stdout /dev/ptmx /made /made/deep"
                + " > /out/owners");

        var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "un1");

        assertEquals(0, run.status, run.toString());
        assertEquals("0", b.output("uid"));
        assertEquals("0", b.output("gid"));
        assertEquals(words(UID_MAP), words(b.output("uid_map")), "uid_map reads as configured");
        assertEquals(words(GID_MAP), words(b.output("gid_map")));
        assertEquals("ok", b.output("devnull"), "a device node works");
        assertEquals(100000, uid(b.rootfs.resolve("written")), "what the container's root writes is 100000's");
        assertEquals(100000, uid(b.rootfs.resolve("made")), "a mount point the runtime made is the mapped root's");
        assertEquals(List.of("/dev 0:0", "/dev/null 0:0", "/dev/zero 0:0", "/dev/shm 0:0", "/dev/stdout 0:0",
                "/dev/ptmx 0:0", "/made 0:0", "/made/deep 0:0"), b.output("owners").lines().toList(),
                "inside, the runtime's files belong to root");
        assertFalse(Files.exists(root.resolve("un1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theHostSeesTheMappedIdsOfTheContainersProcess(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundle("id -u > /out/uid.tmp; mv /out/uid.tmp /out/uid; exec sleep 60");
        // A user of the second range.
        ((ObjectNode) b.config.get("process")).putObject("user").put("uid", 1000).put("gid", 1000);
        b.write();
        Files.setPosixFilePermissions(b.out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "un2");
        assertEquals(0, create.status, create.toString());
        int pid = new ObjectMapper().readTree(jrunc(backend, "state", "un2").out).get("pid").asInt();
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        assertTrue(status.contains("Uid:\t300000\t300000\t300000\t300000\n"), status);
        assertTrue(status.contains("Gid:\t101000\t101000\t101000\t101000\n"), status);
        assertTrue(Files.readString(Path.of("/proc/" + pid + "/status")).contains("NSpid:\t" + pid + "\t1\n"),
                "pid 1 of its own pid namespace");
        String hostUserns = Files.readSymbolicLink(Path.of("/proc/self/ns/user")).toString();
        String itsUserns = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/user")).toString();
        assertFalse(hostUserns.equals(itsUserns), "a user namespace of its own");

        assertEquals(0, jrunc(backend, "start", "un2").status);
        waitFor(() -> Files.exists(b.out.resolve("uid")));
        assertEquals("1000", b.output("uid"));
        assertEquals(0, jrunc(backend, "delete", "--force", "un2").status);
        assertFalse(Files.exists(root.resolve("un2")));
    }

    /** The init makes the time namespace with the others its user namespace owns; the runtime writes its offsets. */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aTimeNamespaceOfTheUserNamespaceHasTheOffsetsOfTheConfig(String backend) throws Exception {
        Backends.assumeLoads(backend);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/ns/time")),
                "a kernel with time namespaces");
        String hostTime = Files.readSymbolicLink(Path.of("/proc/self/ns/time")).toString();
        BusyboxBundle b = bundle("cat /proc/self/timens_offsets > /out/offsets; readlink /proc/self/ns/time > /out/ns;"
                + " cut -d' ' -f1 /proc/uptime > /out/uptime; id -u > /out/uid").edit(c -> {
            ObjectNode linux = (ObjectNode) c.get("linux");
            ((ArrayNode) linux.get("namespaces")).addObject().put("type", "time");
            ObjectNode offsets = linux.putObject("timeOffsets");
            offsets.putObject("monotonic").put("secs", 7881).put("nanosecs", 2718281);
            offsets.putObject("boottime").put("secs", 2_000_000).put("nanosecs", 0);
        }).write();

        var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "un6");
        double hostUptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);

        assertEquals(0, run.status, run.toString());
        assertEquals(List.of("monotonic 7881 2718281", "boottime 2000000 0"),
                b.output("offsets").lines().map(UserNamespaceTest::words).toList());
        assertFalse(b.output("ns").equals(hostTime), "a time namespace of its own");
        double inside = Double.parseDouble(b.output("uptime"));
        assertTrue(Math.abs(inside - hostUptime - 2_000_000) < 30, inside + " against the host's " + hostUptime);
        assertEquals("0", b.output("uid"), "in its user namespace");
        assertEquals(hostTime, Files.readSymbolicLink(Path.of("/proc/self/ns/time")).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void badMappingsAreRefusedAllAtOnceBeforeAnythingIsMade(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundle("true").edit(c -> {
            ObjectNode linux = (ObjectNode) c.get("linux");
            ArrayNode uids = linux.putArray("uidMappings");
            uids.addObject().put("containerID", 0).put("hostID", 100000).put("size", 10);
            uids.addObject().put("containerID", 5).put("hostID", 200000).put("size", 10);
            linux.putArray("gidMappings").addObject().put("containerID", 1).put("hostID", 4294967290L).put("size", 10);
        }).write();

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "un3");

        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("linux.uidMappings[1].containerID: range overlaps linux.uidMappings[0]"),
                create.err);
        assertTrue(create.err.contains("linux.gidMappings: User namespaces enabled, but no group mapping found."),
                create.err);
        assertTrue(create.err.contains("linux.gidMappings[0].hostID: range 4294967290+10 goes past the last id"),
                create.err);
        assertFalse(Files.exists(root.resolve("un3")));
        assertEquals(List.of(), LeftBehind.cgroups("un3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aCreateThatFailsAfterTheUserNamespaceLeavesNothingBehind(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundle("true").edit(c -> {
            ObjectNode bind = ((ArrayNode) c.get("mounts")).addObject();
            bind.put("destination", "/missing").put("type", "bind").put("source", tmp.resolve("no-such").toString());
            bind.putArray("options").add("bind");
        }).write();
        long sockets = LeftBehind.sockets();
        List<Long> children = ProcessHandle.current().children().map(ProcessHandle::pid).toList();

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "un4");

        assertEquals(1, create.status, create.toString());
        assertFalse(Files.exists(root.resolve("un4")));
        assertEquals(List.of(), LeftBehind.cgroups("un4"));
        assertFalse(LeftBehind.threadNamed("init-un4"));
        assertEquals(sockets, LeftBehind.sockets(), "no sync socket left open");
        // No init (RealContainers checks), nor its first stage, nor a zombie of either.
        assertEquals(children, ProcessHandle.current().children().map(ProcessHandle::pid).toList(),
                "no child of the runtime is left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aRootfsOutOfTheMappedRootsReachIsRefusedBeforeAnythingIsMade(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundle("true");
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "un5");

        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("rootfs (\\\"" + b.rootfs + "\\\") is out of reach of the container's root"
                + " (uid 100000, gid 100000 on the host): " + tmp + " is not searchable by it"), create.err);
        assertFalse(Files.exists(root.resolve("un5")));
        assertEquals(List.of(), LeftBehind.cgroups("un5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aContainerJoinsAUserNamespaceByPathWithTheNamespacesItOwns(String backend) throws Exception {
        Backends.assumeLoads(backend);
        int sandbox = sandbox(backend, "sb1");
        String userns = Files.readSymbolicLink(Path.of("/proc/" + sandbox + "/ns/user")).toString();
        String netns = Files.readSymbolicLink(Path.of("/proc/" + sandbox + "/ns/net")).toString();
        String script = "id -u > /out/uid; cat /proc/self/uid_map > /out/uid_map; readlink /proc/self/ns/user > /out/user;"
                + " readlink /proc/self/ns/net > /out/net; echo $$ > /out/pid; echo hi > /written";
        try {
            // With mappings that match the namespace's own (runc 1.1), and without any (runc 1.2 reads them).
            for (boolean mappings : List.of(true, false)) {
                BusyboxBundle j = joiner(sandbox, script, mappings);
                var run = jrunc(backend, "run", "--bundle", j.dir.toString(), "jn1");
                assertEquals(0, run.status, run.toString());
                assertEquals("0", j.output("uid"));
                assertEquals(words(UID_MAP), words(j.output("uid_map")));
                assertEquals(userns, j.output("user"), "the sandbox's user namespace");
                assertEquals(netns, j.output("net"), "the sandbox's network namespace");
                assertEquals("1", j.output("pid"), "pid 1 of a pid namespace of its own");
                assertEquals(100000, uid(j.rootfs.resolve("written")));
                org.junit.jupiter.api.Assertions.assertTrue(
                        new ProcessBuilder("rm", "-rf", j.dir.toString()).start().waitFor() == 0);
            }
        } finally {
            assertEquals(0, jrunc(backend, "delete", "--force", "sb1").status);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aJoinedUserNamespaceMustMatchTheMappingsAndBeAUserNamespace(String backend) throws Exception {
        Backends.assumeLoads(backend);
        int sandbox = sandbox(backend, "sb2");
        try {
            BusyboxBundle j = joiner(sandbox, "true", true);
            ((ArrayNode) ((ObjectNode) j.config.get("linux")).get("gidMappings")).removeAll().addObject()
                    .put("containerID", 0).put("hostID", 200000).put("size", 65536);
            j.write();
            var create = jrunc(backend, "create", "--bundle", j.dir.toString(), "jn2");
            assertEquals(1, create.status, create.toString());
            assertTrue(create.err.contains("linux.gidMappings (0 200000 65536) do not match the joined user"
                    + " namespace's (0 100000 65536)"), create.err);
            assertFalse(Files.exists(root.resolve("jn2")));
            assertEquals(List.of(), LeftBehind.cgroups("jn2"));

            // runc's check: the path must name a namespace of the type it is given as.
            ArrayNode namespaces = (ArrayNode) ((ObjectNode) j.config.get("linux")).get("namespaces");
            for (var ns : namespaces) {
                if (ns.get("type").asText().equals("user")) {
                    ((ObjectNode) ns).put("path", "/proc/" + sandbox + "/ns/net");
                }
            }
            ((ArrayNode) ((ObjectNode) j.config.get("linux")).get("gidMappings")).removeAll().addObject()
                    .put("containerID", 0).put("hostID", 100000).put("size", 65536);
            j.write();
            var wrong = jrunc(backend, "create", "--bundle", j.dir.toString(), "jn3");
            assertEquals(1, wrong.status, wrong.toString());
            assertTrue(wrong.err.contains("setns /proc/" + sandbox + "/ns/net (user): invalid argument"), wrong.err);
            assertFalse(Files.exists(root.resolve("jn3")));
            assertEquals(List.of(), LeftBehind.cgroups("jn3"));
        } finally {
            assertEquals(0, jrunc(backend, "delete", "--force", "sb2").status);
        }
    }
}
