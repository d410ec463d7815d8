package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `jrunc exec` into a container with a user namespace, made or joined by path: jrunc-init joins the user namespace
 * first, as runc's nsexec does, becomes its root, then joins the time and mount namespaces and becomes the exec's
 * user. What the process is and makes is read back from inside and from the host.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecUserNamespaceTest extends RealContainers {
    /** Two uid ranges, one gid range, as UserNamespaceTest's: uid 1000-1999 is host 300000-300999. */
    private static final String UID_MAP = "0 100000 1000\n1000 300000 1000";

    private final List<String> started = new ArrayList<>();
    private String backend;

    /** A running container with a new user namespace (and {@code change}), whose program sleeps; its init's pid. */
    private int running(String backend, String id, Consumer<ObjectNode> change) throws Exception {
        this.backend = backend;
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle-" + id)).edit(c -> {
            ObjectNode linux = (ObjectNode) c.get("linux");
            ((ArrayNode) linux.get("namespaces")).addObject().put("type", "user");
            mappings(linux);
            ((ObjectNode) c.get("process")).putArray("args").add("sleep").add("1000");
            ((ObjectNode) c.get("root")).put("readonly", false);
            change.accept(c);
        }).write();
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        chown(b.rootfs, "100000:100000");
        // Anyone inside may write there: the exec's user of the second range too.
        Files.setPosixFilePermissions(b.out, PosixFilePermissions.fromString("rwxrwxrwx"));
        var run = jrunc(backend, "run", "--detach", "--bundle", b.dir.toString(), id);
        assertEquals(0, run.status, run.toString());
        started.add(id);
        return initPid(id);
    }

    private static void mappings(ObjectNode linux) {
        ArrayNode uids = linux.putArray("uidMappings");
        uids.addObject().put("containerID", 0).put("hostID", 100000).put("size", 1000);
        uids.addObject().put("containerID", 1000).put("hostID", 300000).put("size", 1000);
        linux.putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
    }

    @AfterEach
    void deleteContainers() {
        // Joiners first: their namespaces are their sandbox's.
        for (int i = started.size() - 1; i >= 0; i--) {
            jrunc(backend, "delete", "--force", started.get(i));
        }
    }

    private int initPid(String id) throws IOException {
        return new ObjectMapper().readTree(jrunc(backend, "state", id).out).get("pid").asInt();
    }

    private Path out(String id) {
        return tmp.resolve("bundle-" + id).resolve("out");
    }

    private int probes;

    /**
     * Runs {@code script} by `exec` with {@code flags} and answers what it printed: the exec'd program's stdout is
     * the runtime's own (this JVM's), so the script writes it to a file of /out.
     */
    private String exec(String id, String script, String... flags) throws IOException {
        String name = "probe-" + ++probes;
        List<String> args = new ArrayList<>(List.of("exec"));
        args.addAll(List.of(flags));
        args.addAll(List.of(id, "sh", "-c", "{ " + script + "; } > /out/" + name));
        var exec = jrunc(backend, args.toArray(String[]::new));
        assertEquals(0, exec.status, exec.toString());
        return Files.readString(out(id).resolve(name));
    }

    private static void chown(Path path, String owner) throws Exception {
        Process p = new ProcessBuilder("chown", "-R", "-h", owner, path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    private static String owner(Path path) throws IOException {
        return Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
                + Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    private static String words(String text) {
        return String.join(" ", text.trim().split("\\s+"));
    }

    private static String link(int pid, String ns) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + ns)).toString();
    }

    /** What an exec'd process says about itself: its ids, its maps (as words) and its namespaces. */
    private static final String PROBE = "id -u; id -g; echo $(cat /proc/self/uid_map); echo $(cat /proc/self/gid_map);"
            + " for ns in user mnt pid net ipc uts cgroup; do readlink /proc/self/ns/$ns; done";

    /** The same as the init's, read from the host, in PROBE's order, without the ids. */
    private static List<String> initsOwn(int init) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String map : List.of("uid_map", "gid_map")) {
            lines.add(words(Files.readString(Path.of("/proc/" + init + "/" + map))));
        }
        for (String ns : List.of("user", "mnt", "pid", "net", "ipc", "uts", "cgroup")) {
            lines.add(link(init, ns));
        }
        return lines;
    }

    private static List<String> withoutIds(String out) {
        List<String> lines = out.lines().toList();
        return lines.subList(2, Math.min(lines.size(), 11));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void anExecAsRootOrAsAUserOfTheSecondRangeIsInTheInitsUserNamespaceWithItsMaps(String backend) throws Exception {
        int init = running(backend, "ux1", c -> { });
        List<String> inits = initsOwn(init);
        assertFalse(link(init, "user").equals(Files.readSymbolicLink(Path.of("/proc/self/ns/user")).toString()));

        String root = exec("ux1", PROBE + "; touch /out/by-root");
        assertEquals(List.of("0", "0"), root.lines().toList().subList(0, 2), root);
        assertEquals(inits, withoutIds(root), "the init's maps and namespaces");
        assertEquals("100000:100000", owner(out("ux1").resolve("by-root")), "made as the mapped root");

        String user = exec("ux1", PROBE + "; touch /out/by-user", "--user", "1000:1000");
        assertEquals(List.of("1000", "1000"), user.lines().toList().subList(0, 2), user);
        assertEquals(inits, withoutIds(user));
        assertEquals("300000:101000", owner(out("ux1").resolve("by-user")), "made as the second range's 1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theHostSeesTheMappedIdsOfADetachedExecAndPsKillAndDeleteLeaveNothing(String backend) throws Exception {
        int init = running(backend, "ux2", c -> { });
        Path pidFile = tmp.resolve("exec.pid");
        Processes processes = Backends.ports(backend).getInstance(Processes.class);

        var exec = jrunc(backend, "exec", "--detach", "--pid-file", pidFile.toString(), "--user", "1000:1000",
                "ux2", "sleep", "1000");
        assertEquals(0, exec.status, exec.toString());
        int pid = Integer.parseInt(Files.readString(pidFile).trim());
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        assertTrue(status.contains("Uid:\t300000\t300000\t300000\t300000\n"), status);
        assertTrue(status.contains("Gid:\t101000\t101000\t101000\t101000\n"), status);
        // No capability in its user namespace (runc's spec: none for a user but root), nor any in the host's.
        assertTrue(status.contains("CapEff:\t0000000000000000\n"), status);
        assertEquals(link(init, "user"), link(pid, "user"));
        assertEquals(link(init, "pid"), link(pid, "pid"));

        var ps = jrunc(backend, "ps", "ux2");
        assertEquals(0, ps.status, ps.toString());
        assertTrue(ps.out.lines().anyMatch(l -> l.startsWith("300000") && l.contains(" " + pid + " ")), ps.out);

        assertEquals(0, jrunc(backend, "kill", "--all", "ux2", "KILL").status);
        // Both our children (the CLI ran in this JVM): reaped here, as conmon and the engine reap them.
        assertEquals(9, processes.waitFor(pid).signal());
        assertEquals(9, processes.waitFor(init).signal());
        assertEquals(0, jrunc(backend, "delete", "ux2").status);
        started.remove("ux2");
        assertFalse(Files.exists(root.resolve("ux2")));
        assertEquals(List.of(), LeftBehind.cgroups("ux2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aTerminalExecGetsAPtyOfTheContainerOwnedByItsUser(String backend) throws Exception {
        running(backend, "ux3", c -> { });
        Injector ports = Backends.ports(backend);
        Path socket = tmp.resolve("console.sock");
        Path pidFile = tmp.resolve("exec.pid");
        long sockets = LeftBehind.sockets();
        try (ConsoleReceiver receiver = new ConsoleReceiver(socket, ports.getInstance(FileDescriptors.class))) {
            var exec = jrunc(backend, "exec", "--pid-file", pidFile.toString(), "--detach", "--tty",
                    "--console-socket", socket.toString(), "--user", "1000:1000", "ux3", "sh", "-c",
                    "tty; id -u; stat -L -c %u:%g /proc/self/fd/0; echo $(cat /proc/self/uid_map); exit 5");
            assertEquals(0, exec.status, exec.toString());
            int pid = Integer.parseInt(Files.readString(pidFile).trim());
            assertEquals(5, ports.getInstance(Processes.class).waitFor(pid).code());
            String out = receiver.output.get(30, TimeUnit.SECONDS);
            // devpts' gid=5 of runc's spec is the mapped tty group
            assertEquals(List.of("/dev/pts/0", "1000", "1000:5", words(UID_MAP)), List.of(out.split("\r\n")), out);
        }
        assertEquals(sockets, LeftBehind.sockets(), "the runtime holds no socket of the exec's");

        // A foreground exec -t as the container's root, relayed through script(1)'s terminal.
        String runtime = String.join(" ", runtimeCommand(backend, "exec", "-t", "ux3", "sh", "-c",
                "'tty; id -u; stat -L -c owner=%u /proc/self/fd/0; exit 3'"));
        Process script = new ProcessBuilder("script", "-qec", runtime + "; echo status=$?", "/dev/null")
                .redirectErrorStream(true).start();
        assertTrue(script.waitFor(90, TimeUnit.SECONDS), "the exec did not end");
        script.getOutputStream().close();
        String relayed = new String(script.getInputStream().readAllBytes()).replace("\r", "");
        assertTrue(relayed.contains("/dev/pts/0\n0\nowner=0\n"), relayed);
        assertTrue(relayed.contains("status=3"), relayed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void anExecIntoAContainerThatJoinedAUserNamespaceByPathIsInThatNamespace(String backend) throws Exception {
        int sandbox = running(backend, "ux4", c -> { });
        // A second container joins the sandbox's user, network, IPC and UTS namespaces, with mount and pid ones of
        // its own, which the joined user namespace owns.
        int joiner = running(backend, "ux4j", c -> {
            ObjectNode linux = (ObjectNode) c.get("linux");
            ArrayNode namespaces = linux.putArray("namespaces");
            namespaces.addObject().put("type", "pid");
            namespaces.addObject().put("type", "mount");
            for (String type : List.of("user", "network", "ipc", "uts")) {
                namespaces.addObject().put("type", type)
                        .put("path", "/proc/" + sandbox + "/ns/" + (type.equals("network") ? "net" : type));
            }
        });
        assertEquals(link(sandbox, "user"), link(joiner, "user"));

        String probed = exec("ux4j", PROBE + "; touch /out/joined");
        List<String> lines = probed.lines().toList();
        assertEquals(List.of("0", "0"), lines.subList(0, 2), probed);
        assertEquals(initsOwn(joiner), withoutIds(probed), "the joiner's maps and namespaces");
        assertEquals(words(UID_MAP), words(Files.readString(Path.of("/proc/" + joiner + "/uid_map"))));
        assertFalse(link(sandbox, "pid").equals(lines.get(6)), "the joiner's own pid namespace");
        assertEquals("100000:100000", owner(out("ux4j").resolve("joined")));

        assertEquals("1500", exec("ux4j", "id -u", "--user", "1500").trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aUserTheNamespaceDoesNotMapFailsInRuncsWordsAndLeavesNothing(String backend) throws Exception {
        int init = running(backend, "ux5", c -> { });
        long sockets = LeftBehind.sockets();
        List<Long> children = ProcessHandle.current().children().map(ProcessHandle::pid).toList();
        long inside = inNamespace(link(init, "pid"));

        var uid = jrunc(backend, "exec", "--user", "5000", "ux5", "id");
        assertEquals(255, uid.status, uid.toString());
        assertTrue(uid.err.contains("exec failed: unable to start container process: unable to setup user: cannot set"
                + " uid to unmapped user in user namespace"), uid.err);
        assertEquals("", uid.out);
        var gid = jrunc(backend, "exec", "--user", "1000:70000", "ux5", "id");
        assertEquals(255, gid.status, gid.toString());
        assertTrue(gid.err.contains("unable to setup user: cannot set gid to unmapped user in user namespace"),
                gid.err);
        // runc checks the uid first
        var both = jrunc(backend, "exec", "--user", "70000:70000", "ux5", "id");
        assertTrue(both.err.contains("cannot set uid to unmapped user"), both.err);

        assertEquals(inside, inNamespace(link(init, "pid")), "no process of a failed exec is left");
        assertEquals(children, ProcessHandle.current().children().map(ProcessHandle::pid).toList(),
                "no child of the runtime, nor a zombie");
        assertEquals(sockets, LeftBehind.sockets(), "the runtime holds no socket of a failed exec");
        assertTrue(Files.exists(Path.of("/proc/" + init)), "the container's init is untouched");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void cgroupPutsTheExecInASubCgroupOfTheContainers(String backend) throws Exception {
        int init = running(backend, "ux6", c -> { });
        List<Path> subs = new ArrayList<>();
        for (Path own : ExecTest.cgroupDirs(init)) {
            Path sub = Files.createDirectory(own.resolve("sub"));
            subs.add(sub);
            if (Files.exists(own.resolve("cgroup.clone_children")) && Files.exists(own.resolve("cpuset.mems"))) {
                for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
                    Files.writeString(sub.resolve(file), Files.readString(own.resolve(file)).trim());
                }
            }
        }
        try {
            assertFalse(subs.isEmpty(), "the container has a cgroup of its own");
            String cgroups = exec("ux6", "cat /proc/self/cgroup", "--cgroup", "sub", "--user", "1000");
            for (String line : cgroups.split("\n")) {
                assertTrue(line.endsWith("/sub"), cgroups);
            }
        } finally {
            for (Path sub : subs) {
                Files.delete(sub);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theTimeNamespaceTheInitMadeHasTheOffsetsAndAnExecJoinsIt(String backend) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/ns/time")), "a kernel with time namespaces");
        long offset = 1_000_000;
        int init = running(backend, "ux7", c -> {
            ObjectNode linux = (ObjectNode) c.get("linux");
            ((ArrayNode) linux.get("namespaces")).addObject().put("type", "time");
            ObjectNode offsets = linux.putObject("timeOffsets");
            offsets.putObject("monotonic").put("secs", 7881).put("nanosecs", 2718281);
            offsets.putObject("boottime").put("secs", offset).put("nanosecs", 0);
        });
        String hostTime = Files.readSymbolicLink(Path.of("/proc/self/ns/time")).toString();
        assertFalse(hostTime.equals(link(init, "time")), "a time namespace of its own");
        assertEquals(List.of("monotonic 7881 2718281", "boottime " + offset + " 0"),
                Files.readAllLines(Path.of("/proc/" + init + "/timens_offsets")).stream()
                        .map(l -> words(l)).toList());

        String probed = exec("ux7", "readlink /proc/self/ns/time; cut -d' ' -f1 /proc/uptime", "--user", "1000");
        double hostUptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        List<String> lines = probed.lines().toList();
        assertEquals(link(init, "time"), lines.get(0), "the exec joined the init's time namespace");
        double inside = Double.parseDouble(lines.get(1));
        // boottime, which /proc/uptime reads, runs the offset ahead of the host's
        assertTrue(Math.abs(inside - hostUptime - offset) < 30, inside + " against the host's " + hostUptime);
    }
}
