package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jrunc rootless, through its launcher: run by an unprivileged user (made here, with /etc/subuid and /etc/subgid
 * ranges), and as root of a user namespace that an unprivileged user made ({@code unshare --user
 * --map-root-user}, the way rootless podman calls a runtime). Each case on both backends.
 *
 * <p>Run by failsafe after the package phase. The user runs a copy of the launcher and the build in a directory it
 * may read, as an installed jrunc would be.
 */
@Tag("root")
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RootlessIT {
    static final String USER = "jrunc-rl";

    static Path install;
    static Path launcher;
    static long uid;
    static long gid;
    /** The first host id of the user's /etc/subuid (and /etc/subgid) range. */
    static long subStart;

    Path base;
    Path xdg;
    BusyboxBundle bundle;

    @BeforeAll
    static void aUserAndACopyOfTheBuildItMayRun() throws Exception {
        String built = System.getProperty("jrunc.launcher");
        Assumptions.assumeTrue(built != null, "run by failsafe, which names the launcher");
        RootTier.requiresRoot();
        RootTier.requiresBusybox();
        RootTier.hostHas(Files.isExecutable(Path.of("/usr/bin/newuidmap")), "newuidmap (apt-get install uidmap)");
        RootTier.hostHas(Files.isExecutable(Path.of("/usr/bin/unshare")), "unshare (util-linux)");
        if (sh("id -u " + USER).status() != 0) {
            Result made = sh("useradd -M -s /bin/sh " + USER);
            assertEquals(0, made.status(), made.toString());
        }
        uid = Long.parseLong(sh("id -u " + USER).out().strip());
        gid = Long.parseLong(sh("id -g " + USER).out().strip());
        subStart = subordinateStart("/etc/subuid");
        assertEquals(subStart, subordinateStart("/etc/subgid"), "the test's user has the same subuid and subgid ranges");
        install = Files.createTempDirectory("jrunc-rootless-install");
        Files.setPosixFilePermissions(install, PosixFilePermissions.fromString("rwxr-xr-x"));
        launcher = BuildCopy.into(install, Path.of(built));
        sh("chmod -R a+rX " + install);
    }

    /** The user's range, added when it has none (useradd gives one on most hosts). */
    private static long subordinateStart(String file) throws Exception {
        for (String line : Files.readAllLines(Path.of(file))) {
            String[] f = line.split(":");
            if (f.length == 3 && f[0].equals(USER) && Long.parseLong(f[2]) >= 65536) {
                return Long.parseLong(f[1]);
            }
        }
        long start = 3_100_000;
        Files.writeString(Path.of(file), USER + ":" + start + ":65536\n", java.nio.file.StandardOpenOption.APPEND);
        return start;
    }

    @BeforeEach
    void aDirectoryTheUserOwns() throws Exception {
        base = Files.createTempDirectory("jrunc-rootless");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        xdg = base.resolve("xdg");
        Files.createDirectories(xdg);
        Files.setPosixFilePermissions(xdg, PosixFilePermissions.fromString("rwx------"));
        bundle = BusyboxBundle.rootlessIn(base.resolve("bundle"), uid, gid);
        bundle.edit(c -> ((ObjectNode) c.get("root")).put("readonly", false));
        sh("chown -R " + uid + ":" + gid + " " + xdg + " " + bundle.dir);
    }

    @AfterEach
    void nothingOfTheUserIsLeft() throws Exception {
        // Whatever a failed case left running goes, so the next starts clean; the cases assert it went themselves.
        sh("pkill -KILL -u " + uid + "; sleep 0.2");
        sh("rm -rf " + base);
    }

    // ---- an unprivileged user -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void anUnprivilegedUserRunsAContainerAsRootOfItsUserNamespace(String backend) throws Exception {
        Backends.assumeLoads(backend);
        writeAsUser(bundle.shell("id -u > /out/id; cat /proc/self/uid_map > /out/uid_map; cat /proc/self/gid_map"
                + " > /out/gid_map; echo x > /dev/null && ls -ln /dev/null > /out/null; touch /out/made; ls /sys/kernel"
                + " > /out/sys; grep -c . /proc/mounts > /out/mounts"));

        Result run = asUser(backend, "run", "r1");

        assertEquals(0, run.status(), run.toString());
        assertEquals("0", bundle.output("id"));
        assertEquals(List.of("0 " + uid + " 1"), ranges(bundle.output("uid_map")));
        assertEquals(List.of("0 " + gid + " 1"), ranges(bundle.output("gid_map")));
        // A device the container's root cannot make: the host's, bound.
        assertTrue(bundle.output("null").startsWith("crw-rw-rw-"), bundle.output("null"));
        assertTrue(bundle.output("null").contains("1,   3"), bundle.output("null"));
        // sysfs without a network namespace of its own: the host's /sys, bound.
        assertFalse(bundle.output("sys").isEmpty());
        assertEquals(uid, ownerOf(bundle.out.resolve("made")), "the container's root is the user on the host");
        assertStateRootEmpty();
        assertNoProcessOfTheUser();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void severalRangesAreMappedThroughNewuidmapFromTheUsersSubordinateIds(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Files.setPosixFilePermissions(bundle.out, PosixFilePermissions.fromString("rwxrwxrwx"));
        writeAsUser(bundle.shell("cat /proc/self/uid_map > /out/uid_map; cat /proc/self/gid_map > /out/gid_map;"
                + " id -u > /out/id; touch /out/made").edit(c -> {
                    ObjectNode linux = (ObjectNode) c.get("linux");
                    for (String field : List.of("uidMappings", "gidMappings")) {
                        ArrayNode maps = linux.putArray(field);
                        maps.addObject().put("containerID", 0).put("hostID", field.startsWith("uid") ? uid : gid)
                                .put("size", 1);
                        maps.addObject().put("containerID", 1).put("hostID", subStart).put("size", 65536);
                    }
                    ObjectNode user = (ObjectNode) c.get("process").get("user");
                    user.put("uid", 1000).put("gid", 1000);
                }));

        Result run = asUser(backend, "run", "r2");

        assertEquals(0, run.status(), run.toString());
        List<String> expected = List.of("0 " + uid + " 1", "1 " + subStart + " 65536");
        assertEquals(expected, ranges(bundle.output("uid_map")));
        assertEquals(List.of("0 " + gid + " 1", "1 " + subStart + " 65536"), ranges(bundle.output("gid_map")));
        assertEquals("1000", bundle.output("id"));
        assertEquals(subStart + 999, ownerOf(bundle.out.resolve("made")), "uid 1000 is subordinate id 999 of the user");
        assertNoProcessOfTheUser();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theLifecycleRunsUnderXdgRuntimeDirAndLeavesNothing(String backend) throws Exception {
        Backends.assumeLoads(backend);
        writeAsUser(bundle.shell("touch /out/started; exec sleep 300"));

        Result create = asUser(backend, "create", "--pid-file", "pid", "c1");
        assertEquals(0, create.status(), create.toString());
        assertTrue(Files.isDirectory(xdg.resolve("jrunc/c1")), "state under $XDG_RUNTIME_DIR/jrunc, as runc's");
        Result state = asUser(backend, "state", "c1");
        assertTrue(state.out().contains("\"status\": \"created\""), state.toString());
        long pid = Long.parseLong(Files.readString(bundle.dir.resolve("pid")).strip());
        assertEquals(uid, Long.parseLong(sh("stat -c %u /proc/" + pid).out().strip()),
                "the init is the user's on the host");
        Result list = asUser(backend, "list");
        assertTrue(list.out().contains(USER), "the owner is the user who created it: " + list);
        assertFalse(list.out().contains(" root\n"), list.toString());

        assertEquals(0, asUser(backend, "start", "c1").status());
        RealContainers.waitFor(() -> Files.exists(bundle.out.resolve("started")));
        assertTrue(asUser(backend, "state", "c1").out().contains("\"status\": \"running\""));
        // exec: run again as root of the container's user namespace, it joins the rest from there.
        Result exec = asUser(backend, "exec", "c1", "sh", "-c", "id -u; cat /proc/self/uid_map");
        assertEquals(0, exec.status(), exec.toString());
        assertEquals(List.of("0", "0 " + uid + " 1"), ranges(exec.out()));
        Result execAs = asUser(backend, "exec", "--user", "0:0", "--env", "X=y", "c1", "sh", "-c", "echo $X");
        assertEquals("y", execAs.out().strip(), execAs.toString());
        Result kill = asUser(backend, "kill", "c1", "KILL");
        assertEquals(0, kill.status(), kill.toString());
        RealContainers.waitFor(() -> asUser(backend, "state", "c1").out().contains("\"status\": \"stopped\""));
        Result delete = asUser(backend, "delete", "c1");
        assertEquals(0, delete.status(), delete.toString());

        assertStateRootEmpty();
        assertNoProcessOfTheUser();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void anUnprivilegedUsersPodContainerJoinsTheSandboxsUserNamespaceByPath(String backend) throws Exception {
        Backends.assumeLoads(backend);
        writeAsUser(bundle.shell("readlink /proc/self/ns/user > /out/sandbox-user; exec sleep 300")
                .edit(c -> ((ArrayNode) c.get("linux").get("namespaces")).addObject().put("type", "network")));
        Result sandbox = asUser(backend, "create", "--pid-file", "pid", "sandbox");
        assertEquals(0, sandbox.status(), sandbox.toString());
        long pid = Long.parseLong(Files.readString(bundle.dir.resolve("pid")).strip());
        assertEquals(0, asUser(backend, "start", "sandbox").status());
        // The pod's container: the sandbox's user, network, IPC and UTS namespaces by path, its mappings read
        // from them (none given), new mount and pid namespaces of its own, which the joined user namespace owns.
        BusyboxBundle member = BusyboxBundle.rootlessIn(base.resolve("member"), uid, gid);
        writeAsUser(member.shell("readlink /proc/self/ns/user > /out/user; readlink /proc/self/ns/net > /out/net;"
                + " cat /proc/self/uid_map > /out/uid_map; echo $$ > /out/pid").edit(c -> {
                    ((ObjectNode) c.get("root")).put("readonly", false);
                    ObjectNode linux = (ObjectNode) c.get("linux");
                    linux.remove("uidMappings");
                    linux.remove("gidMappings");
                    ArrayNode ns = linux.putArray("namespaces");
                    ns.addObject().put("type", "pid");
                    ns.addObject().put("type", "mount");
                    for (String joined : List.of("user", "network", "ipc", "uts")) {
                        String proc = joined.equals("network") ? "net" : joined;
                        ns.addObject().put("type", joined).put("path", "/proc/" + pid + "/ns/" + proc);
                    }
                }));

        List<String> command = new ArrayList<>(List.of("runuser", "-u", USER, "--", "env", "-i",
                "PATH=/usr/local/bin:/usr/bin:/bin", "USER=" + USER, "HOME=" + base, "XDG_RUNTIME_DIR=" + xdg,
                "JRUNC_NO_AOT=1", "JRUNC_JAVA=" + java(), launcher.toString(), "--backend", backend, "run", "member"));
        Result run = run(command, member.dir);

        assertEquals(0, run.status(), run.toString());
        assertEquals(bundle.output("sandbox-user"), member.output("user"), "the sandbox's user namespace");
        assertEquals(sh("readlink /proc/" + pid + "/ns/net").out().strip(), member.output("net"));
        assertEquals(List.of("0 " + uid + " 1"), ranges(member.output("uid_map")));
        assertEquals("1", member.output("pid"), "pid 1 of a pid namespace of its own");
        assertEquals(0, asUser(backend, "delete", "--force", "sandbox").status());
        assertStateRootEmpty();
        assertNoProcessOfTheUser();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aConfigWithoutAUserNamespaceIsRefusedInRuncsWords(String backend) throws Exception {
        Backends.assumeLoads(backend);
        writeAsUser(bundle.shell("true").edit(c -> withoutUserNamespace(c, "pid", "uts", "mount")));

        Result run = asUser(backend, "run", "f1");

        assertRefusedLeavingNothing(run, "rootless container requires user namespaces");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aRangeOutsideTheUsersSubordinateIdsIsRefusedAndNothingIsLeft(String backend) throws Exception {
        Backends.assumeLoads(backend);
        writeAsUser(bundle.shell("true").edit(c -> {
            ArrayNode maps = ((ObjectNode) c.get("linux")).putArray("uidMappings");
            maps.addObject().put("containerID", 0).put("hostID", uid).put("size", 1);
            maps.addObject().put("containerID", 1).put("hostID", 40_000_000L).put("size", 1000);
        }));

        Result run = asUser(backend, "run", "f2");

        assertRefusedLeavingNothing(run, "failed to use newuidmap", "not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void severalRangesWithoutNewuidmapAreRefusedSayingWhatIsMissing(String backend) throws Exception {
        Backends.assumeLoads(backend);
        writeAsUser(bundle.shell("true").edit(c -> {
            ArrayNode maps = ((ObjectNode) c.get("linux")).putArray("uidMappings");
            maps.addObject().put("containerID", 0).put("hostID", uid).put("size", 1);
            maps.addObject().put("containerID", 1).put("hostID", subStart).put("size", 1000);
        }));
        // A host without the uidmap package, in a mount namespace of the test's: /dev/null over the helper.
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "sh", "-c",
                "mount --bind /dev/null /usr/bin/newuidmap && exec \"$@\"", "sh", "runuser", "-u", USER, "--", "env",
                "-i", "PATH=/usr/local/bin:/usr/bin:/bin", "USER=" + USER, "HOME=" + base, "XDG_RUNTIME_DIR=" + xdg,
                "JRUNC_NO_AOT=1", "JRUNC_JAVA=" + java(), launcher.toString(), "--backend", backend, "run", "f5"));

        Result run = run(command, bundle.dir);

        assertRefusedLeavingNothing(run, "newuidmap (package uidmap)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aLimitWithoutACgroupTheUserMayMakeIsRefusedAndNothingIsLeft(String backend) throws Exception {
        Backends.assumeLoads(backend);
        writeAsUser(bundle.shell("true").edit(c -> ((ObjectNode) c.get("linux")).putObject("resources")
                .putObject("pids").put("limit", 100)));

        Result run = asUser(backend, "run", "f3");

        assertRefusedLeavingNothing(run, "container could not join or create cgroup");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void anIdmappedMountIsRefusedForAnUnprivilegedUserInRuncsWords(String backend) throws Exception {
        Backends.assumeLoads(backend);
        writeAsUser(bundle.shell("true").edit(c -> {
            ObjectNode bind = ((ArrayNode) c.get("mounts")).addObject();
            bind.put("destination", "/mapped").put("type", "bind").put("source", bundle.out.toString());
            bind.putArray("options").add("bind").add("idmap");
            for (String field : List.of("uidMappings", "gidMappings")) {
                bind.putArray(field).addObject().put("containerID", 0).put("hostID", uid).put("size", 1);
            }
        }));

        Result run = asUser(backend, "run", "f4");

        assertRefusedLeavingNothing(run, "id-mapped mounts are not supported for rootless containers");
    }

    // ---- root of a user namespace (rootless podman's way) ----------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void rootOfAnUnprivilegedUserNamespaceRunsTheLifecycleWithoutCgroupsAndDevicesBound(String backend)
            throws Exception {
        Backends.assumeLoads(backend);
        // As rootless podman sends it: no user namespace of the container's own (the runtime is in the engine's).
        bundle.shell("echo x > /dev/null && ls -ln /dev/null > /out/null; ls /sys/kernel > /out/sys;"
                + " cat /proc/self/uid_map > /out/uid_map; touch /out/started; exec sleep 300")
                .edit(c -> withoutUserNamespace(c, "pid", "ipc", "uts", "mount"));
        writeAsUser(bundle);
        Path state = xdg.resolve("state");
        String j = launcherLine(backend) + " --root " + state;
        String script = String.join("\n",
                "set -e",
                "cd " + bundle.dir,
                j + " create u1",
                j + " state u1 > " + xdg.resolve("created.json"),
                j + " start u1",
                "for i in $(seq 100); do [ -e " + bundle.out.resolve("started") + " ] && break; sleep 0.1; done",
                j + " kill u1 KILL",
                "for i in $(seq 100); do " + j + " state u1 | grep -q stopped && break; sleep 0.1; done",
                j + " delete u1",
                "ls -A " + state + " > " + xdg.resolve("left"));

        Result r = inUserNamespace(script);

        assertEquals(0, r.status(), r.toString());
        assertTrue(bundle.output("null").startsWith("crw-rw-rw-"), bundle.output("null"));
        assertFalse(bundle.output("sys").isEmpty());
        assertEquals(List.of("0 " + uid + " 1"), ranges(bundle.output("uid_map")),
                "the container runs in the engine's namespace, its root the user");
        String created = Files.readString(xdg.resolve("created.json"));
        assertTrue(created.contains("\"status\": \"created\""), created);
        assertEquals("", Files.readString(xdg.resolve("left")).strip(), "nothing left in the state root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aUserNamespaceMadeInsideOneThatDeniesSetgroupsWorks(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // runc spec --rootless as root of the namespace: a user namespace of its own, mapping 0 to 0; setgroups is
        // "deny" there, inherited from the namespace unshare made.
        BusyboxBundle nested = BusyboxBundle.rootlessIn(base.resolve("nested"), 0, 0);
        writeAsUser(nested.shell("cat /proc/self/uid_map > /out/uid_map; cat /proc/self/setgroups > /out/setgroups;"
                + " id -G > /out/groups").edit(c -> ((ObjectNode) c.get("root")).put("readonly", false)));

        Result r = inUserNamespace("cd " + nested.dir + " && " + launcherLine(backend) + " --root " + xdg.resolve("s")
                + " run n1");

        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("0 0 1"), ranges(nested.output("uid_map")));
        assertEquals("deny", nested.output("setgroups"));
        assertEquals("0", nested.output("groups"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aHostThatForbidsUserNamespacesIsSaidSoAndNothingIsLeft(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // user.max_user_namespaces is per user namespace: 0 in the one unshare made forbids any below it.
        BusyboxBundle nested = BusyboxBundle.rootlessIn(base.resolve("nested"), 0, 0);
        writeAsUser(nested.shell("true"));
        Path state = xdg.resolve("s");

        Result r = inUserNamespace("echo 0 > /proc/sys/user/max_user_namespaces && cd " + nested.dir + " && "
                + launcherLine(backend) + " --root " + state + " run n2; echo status=$?; ls -A " + state);

        assertTrue(r.out().contains("status=1"), r.toString());
        assertTrue(r.err().contains("user.max_user_namespaces"), r.err());
        assertEquals(List.of("status=1"), r.out().lines().toList(), "no state left: " + r);
        assertNoProcessOfTheUser();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void rootlessFalseMakesCgroupPermissionErrorsFatalAgain(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle.shell("true").edit(c -> withoutUserNamespace(c, "pid", "uts", "mount"));
        writeAsUser(bundle);
        String j = launcherLine(backend) + " --root " + xdg.resolve("s");

        Result refused = inUserNamespace("cd " + bundle.dir + " && " + j.replace(" --backend", " --rootless=false --backend")
                + " run g1");
        Result bogus = inUserNamespace("cd " + bundle.dir + " && " + j.replace(" --backend", " --rootless=maybe --backend")
                + " run g2");

        assertEquals(1, refused.status(), refused.toString());
        assertTrue(refused.err().contains("unable to apply cgroup configuration")
                || refused.err().contains("unable to create cgroup"), refused.err());
        assertTrue(bogus.status() != 0, bogus.toString());
        assertTrue(bogus.err().contains("--rootless"), bogus.err());
    }

    // ---- helpers --------------------------------------------------------------------------------------

    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** The config's namespaces become {@code kept}, without a user namespace and its mappings. */
    private static void withoutUserNamespace(ObjectNode config, String... kept) {
        ObjectNode linux = (ObjectNode) config.get("linux");
        ArrayNode namespaces = linux.putArray("namespaces");
        for (String ns : kept) {
            namespaces.addObject().put("type", ns);
        }
        linux.remove("uidMappings");
        linux.remove("gidMappings");
    }

    private void writeAsUser(BusyboxBundle b) throws Exception {
        b.write();
        sh("chown -R " + uid + ":" + gid + " " + b.dir);
    }

    /** The launcher as the user, from the bundle, with its $XDG_RUNTIME_DIR and no --root. */
    private Result asUser(String backend, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", USER, "--", "env", "-i",
                "PATH=/usr/local/bin:/usr/bin:/bin", "USER=" + USER, "HOME=" + base, "XDG_RUNTIME_DIR=" + xdg,
                "JRUNC_NO_AOT=1", "JRUNC_JAVA=" + java(), launcher.toString(), "--backend", backend));
        command.addAll(List.of(args));
        return run(command, bundle.dir);
    }

    private static String launcherLine(String backend) {
        return "JRUNC_NO_AOT=1 JRUNC_JAVA=" + java() + " " + launcher + " --backend " + backend;
    }

    /** {@code script} as root of a user namespace the test's unprivileged user made, mapping it to root. */
    private Result inUserNamespace(String script) throws Exception {
        Path file = base.resolve("script.sh");
        Files.writeString(file, script + "\n");
        sh("chmod 755 " + file);
        return run(List.of("runuser", "-u", USER, "--", "unshare", "--user", "--map-root-user", "sh", file.toString()),
                base);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Result sh(String script) throws Exception {
        return run(List.of("sh", "-c", script), Path.of("/"));
    }

    private static Result run(List<String> command, Path cwd) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        Path out = Files.createTempFile("rootless", ".out");
        Path err = Files.createTempFile("rootless", ".err");
        try {
            builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null")));
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> ranges(String map) {
        List<String> out = new ArrayList<>();
        map.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> out.add(String.join(" ", l.split("\\s+"))));
        return out;
    }

    private static long ownerOf(Path file) throws IOException {
        return ((Number) Files.getAttribute(file, "unix:uid")).longValue();
    }

    private void assertStateRootEmpty() throws IOException {
        Path root = xdg.resolve("jrunc");
        if (Files.isDirectory(root)) {
            try (Stream<Path> left = Files.list(root)) {
                assertEquals(List.of(), left.map(Path::getFileName).map(Path::toString).toList(), "state left behind");
            }
        }
    }

    /** Refused (exit status 1) saying each of {@code words}, with no state and no process of the user left. */
    private void assertRefusedLeavingNothing(Result run, String... words) throws Exception {
        assertEquals(1, run.status(), run.toString());
        for (String word : words) {
            assertTrue(run.err().contains(word), run.err());
        }
        assertStateRootEmpty();
        assertNoProcessOfTheUser();
    }

    /** Within a few seconds: an init whose runtime has exited is reaped by the host's init, not at once. */
    private static void assertNoProcessOfTheUser() throws Exception {
        Result left = sh("pgrep -u " + uid + " -a || true");
        for (int i = 0; i < 50 && !left.out().isBlank(); i++) {
            Thread.sleep(100);
            left = sh("pgrep -u " + uid + " -a || true");
        }
        assertEquals("", left.out().strip(), "processes of the user left behind");
    }
}
