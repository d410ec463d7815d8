package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real containers on the real kernel, as root, through both native backends (on JDK 17: JNA only). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RealContainerTest extends RealContainers {

    /** test.sh runs this suite on JDK 17 too, where only the JNA backend can load. */
    private BusyboxBundle bundle(String script) throws Exception {
        return BusyboxBundle.in(tmp.resolve("bundle")).shell(script);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void runGivesTheContainersExitStatusAndLeavesNothing(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("echo \"$(hostname) $$\" > /out/who; exit 7").write();
        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "c1");
        assertEquals(7, run.status, run.toString());
        assertEquals("runc 1", Files.readString(tmp.resolve("bundle/out/who")).trim());
        assertEquals("", jrunc(backend, "list", "-q").out);
        assertFalse(Files.exists(root.resolve("c1")));
        try (var left = Files.list(root)) {
            assertEquals(java.util.List.of(), left.toList(), "the state root is empty, as runc's: no lock area left");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aContainerKilledBySignalNReturns128PlusN(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // Its own pid 1 cannot be killed from inside the namespace; runc's users kill it from outside.
        bundle("touch /out/started; exec sleep 60").write();
        var run = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "c2"));
        waitFor(() -> Files.exists(tmp.resolve("bundle/out/started")));
        assertEquals(0, jrunc(backend, "kill", "c2", "9").status);
        assertEquals(137, run.get(20, java.util.concurrent.TimeUnit.SECONDS).status);
        assertFalse(Files.exists(root.resolve("c2")), "run deletes what it ran");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void createThenStartThenKillThenDeleteLikeRunc(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("echo started > /out/started; exec sleep 60").write();
        int pid = created(backend, "c3");
        Map<?, ?> state = new ObjectMapper().readValue(jrunc(backend, "state", "c3").out, Map.class);
        assertEquals("created", state.get("status"));
        assertEquals(pid, state.get("pid"));
        assertFalse(Files.exists(tmp.resolve("bundle/out/started")), "nothing of the user's runs before start");

        assertEquals(0, jrunc(backend, "start", "c3").status);
        waitFor(() -> Files.exists(tmp.resolve("bundle/out/started")));
        assertEquals("running", new ObjectMapper().readValue(jrunc(backend, "state", "c3").out, Map.class).get("status"));
        assertTrue(jrunc(backend, "delete", "c3").err.contains("cannot delete container c3 that is not stopped: running"));

        assertEquals(0, jrunc(backend, "kill", "c3", "KILL").status);
        waitForEnd(pid);
        var again = jrunc(backend, "kill", "c3", "TERM");
        assertEquals(1, again.status);
        assertTrue(again.err.contains("container not running"), again.toString());
        assertEquals(0, jrunc(backend, "delete", "c3").status);
        assertEquals(1, jrunc(backend, "state", "c3").status);
        assertFalse(Files.exists(root.resolve("c3")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theProcessGetsItsUserCwdEnvLimitsAndOomScore(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("{ id -u; id -g; id -G; pwd; echo $GREETING; ulimit -n; cat /proc/self/oom_score_adj; umask;"
                + " grep -E 'CapBnd|CapEff' /proc/self/status; } > /out/p")
                .edit(c -> {
                    ObjectNode p = (ObjectNode) c.get("process");
                    ObjectNode user = p.putObject("user");
                    user.put("uid", 1000).put("gid", 1000).put("umask", 0027);
                    user.putArray("additionalGids").add(1000).add(2000);
                    p.put("cwd", "/tmp");
                    ((com.fasterxml.jackson.databind.node.ArrayNode) p.get("env")).add("GREETING=hello");
                    p.putArray("rlimits").addObject().put("type", "RLIMIT_NOFILE").put("soft", 512).put("hard", 512);
                    p.put("oomScoreAdj", 300);
                    ((ObjectNode) c.get("root")).put("readonly", false);
                }).write();
        Files.setPosixFilePermissions(tmp.resolve("bundle/out"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "c4");
        assertEquals(0, run.status, run.toString());
        assertEquals("1000\n1000\n1000 2000\n/tmp\nhello\n512\n300\n0027\nCapEff:\t0000000000000000\n"
                + "CapBnd:\t0000000000000000",
                Files.readString(tmp.resolve("bundle/out/p")).trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theRootIsReadonlyAndMaskedPathsAreHidden(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("touch /x 2>/dev/null && echo writable > /out/r || echo readonly > /out/r;"
                + " wc -c < /proc/timer_list > /out/timers; ls /sys/firmware | wc -l > /out/firmware; readlink /dev/ptmx > /out/ptmx;"
                + " ls /proc/1/exe -l > /out/exe; cat /proc/1/cmdline | tr '\\0' ' ' > /out/cmdline").write();
        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "c5");
        assertEquals(0, run.status, run.toString());
        assertEquals("readonly", Files.readString(tmp.resolve("bundle/out/r")).trim());
        assertEquals("0", Files.readString(tmp.resolve("bundle/out/timers")).trim(), "a masked file reads as /dev/null");
        assertEquals("0", Files.readString(tmp.resolve("bundle/out/firmware")).trim(), "a masked directory is empty");
        assertEquals("pts/ptmx", Files.readString(tmp.resolve("bundle/out/ptmx")).trim());
        assertTrue(Files.readString(tmp.resolve("bundle/out/exe")).contains("/bin/busybox"),
                "the container's pid 1 is the user's program, not the host's java");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void readonlyPathsAreReadOnlyInTheKernelsEyes(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle bundle = bundle("{ echo 1 > /proc/sys/kernel/domainname; } 2> /out/sysctl; echo $? >> /out/sysctl;"
                + " touch /ro/x 2> /out/ro; echo $? >> /out/ro; touch /rw/x && echo writable > /out/rw;"
                + " grep -E ' /(proc/sys|ro) ' /proc/mounts | cut -d' ' -f2,4 | cut -d, -f1 > /out/mounts")
                .edit(c -> {
                    ((ObjectNode) c.get("root")).put("readonly", false);
                    var paths = ((ObjectNode) c.get("linux")).putArray("readonlyPaths");
                    paths.add("/proc/sys").add("/ro");
                });
        Files.createDirectories(bundle.rootfs.resolve("ro"));
        Files.createDirectories(bundle.rootfs.resolve("rw"));
        bundle.write();

        var run = jrunc(backend, "run", "--bundle", bundle.dir.toString(), "ro1");

        assertEquals(0, run.status, run.toString());
        assertTrue(bundle.output("sysctl").matches("(?s).*Read-only file system\n1"), bundle.output("sysctl"));
        assertTrue(bundle.output("ro").matches("(?s).*Read-only file system\n1"), bundle.output("ro"));
        assertEquals("writable", bundle.output("rw"), "what the config does not list stays writable");
        assertEquals("/proc/sys ro\n/ro ro", bundle.output("mounts"));
        assertFalse(Files.exists(bundle.rootfs.resolve("ro/x")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void readonlyAndMaskedPathsTheImageLacksAreSkippedAsRuncDoes(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle bundle = bundle("echo ran > /out/ran").edit(c -> {
            ObjectNode linux = (ObjectNode) c.get("linux");
            linux.putArray("readonlyPaths").add("/missing").add("/missing/deeper").add("/dangling")
                    .add("/proc/no-such-entry").add("/proc/sys");
            linux.putArray("maskedPaths").add("/missing").add("/dangling").add("/proc/no-such-entry");
        });
        // A link that leads nowhere in the image: the look at the path sees the link, the mount finds nothing.
        Files.createSymbolicLink(bundle.rootfs.resolve("dangling"), Path.of("/no/such/target"));
        bundle.write();

        var run = jrunc(backend, "run", "--bundle", bundle.dir.toString(), "ro2");

        assertEquals(0, run.status, run.toString());
        assertEquals("ran", bundle.output("ran"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void seventyThousandArgsAndEnvEntriesRunAsUnderRunc(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // Short strings: with an 8 MiB stack limit execve takes 2 MiB of them, pointers included.
        BusyboxBundle bundle = bundle("").edit(c -> {
            ObjectNode process = (ObjectNode) c.get("process");
            var args = process.putArray("args").add("sh").add("-c")
                    .add("echo $# ${70000} $V70000 $(env | grep -c '^V') > /out/args").add("sh");
            var env = (com.fasterxml.jackson.databind.node.ArrayNode) process.get("env");
            for (int i = 1; i <= 70_000; i++) {
                args.add(i == 70_000 ? "last" : "x");
                env.add("V" + i + "=1");
            }
        }).write();

        var run = jrunc(backend, "run", "--bundle", bundle.dir.toString(), "many");

        assertEquals(0, run.status, run.toString());
        assertEquals("70000 last 1 70000", bundle.output("args"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void argsNoExecveCouldTakeFailCreateWithAClearErrorAndLeaveNothing(String backend) throws Exception {
        Backends.assumeLoads(backend);
        String half = "x".repeat(3 << 20);
        bundle("true").edit(c -> {
            ((ObjectNode) c.get("process")).putArray("args").add("sh").add(half);
            ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("process").get("env")).add("BIG=" + half);
        }).write();
        createFailsLeavingNothing(backend, "huge", "process.args: argument list too long",
                "more than execve(2) takes (6291456)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void homeComesFromTheUsersEntryInTheContainersPasswdAsUnderRunc(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle bundle = bundle("echo \"$HOME\" > /out/home").write(); // env: PATH and TERM, no HOME
        Files.setPosixFilePermissions(bundle.out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

        // /etc/passwd has root:x:0:0:root:/root:/bin/sh
        assertEquals(0, jrunc(backend, "run", "--bundle", bundle.dir.toString(), "h1").status);
        assertEquals("/root", bundle.output("home"));
        // Each run's file goes: the next one's user, even root without capabilities, may not write over it.
        Files.delete(bundle.out.resolve("home"));

        bundle.edit(c -> ((ObjectNode) c.get("process")).putObject("user").put("uid", 1000).put("gid", 1000)).write();
        assertEquals(0, jrunc(backend, "run", "--bundle", bundle.dir.toString(), "h2").status);
        assertEquals("/", bundle.output("home"), "a uid with no passwd entry");
        Files.delete(bundle.out.resolve("home"));

        bundle.edit(c -> {
            ((ObjectNode) c.get("process")).putObject("user").put("uid", 0).put("gid", 0);
            ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("process").get("env")).add("HOME=/data");
        }).write();
        assertEquals(0, jrunc(backend, "run", "--bundle", bundle.dir.toString(), "h3").status);
        assertEquals("/data", bundle.output("home"), "the config's own HOME is kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void thePasswdLookupFollowsTheImagesLinksInsideItsRootNeverOnTheHost(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle bundle = bundle("echo \"$HOME\" > /out/home").write();
        // The image's /etc/passwd links to an absolute path that this host has too, with another home.
        Path shared = tmp.resolve("passwd-at-a-host-path");
        Files.writeString(shared, "root:x:0:0:root:/on-the-host:/bin/sh\n");
        Path inImage = bundle.rootfs.resolve(tmp.getRoot().relativize(shared));
        Files.createDirectories(inImage.getParent());
        Files.writeString(inImage, "root:x:0:0:root:/in-the-container:/bin/sh\n");
        Files.delete(bundle.rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(bundle.rootfs.resolve("etc/passwd"), shared);

        assertEquals(0, jrunc(backend, "run", "--bundle", bundle.dir.toString(), "h4").status);
        assertEquals("/in-the-container", bundle.output("home"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theUserProcessInheritsNoHostFdAndNoCapabilityTheConfigDoesNotList(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // One plain command each: a pipeline would give pid 1 (the shell) pipe fds of its own.
        bundle("ls -l /proc/1/fd > /out/fds; grep CapEff /proc/1/status > /out/caps; readlink /proc/1/cwd > /out/cwd")
                .write();
        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "c10");
        assertEquals(0, run.status, run.toString());
        // The shell keeps a saved copy of a redirected fd (busybox uses 10): only the host's may not be there.
        String fds = Files.readString(tmp.resolve("bundle/out/fds"));
        for (String leak : new String[] {".jar", "lib/modules", "exec.fifo", "socket:", "jrunc"}) {
            assertFalse(fds.contains(leak), "CVE-2024-21626: a host fd (" + leak + ") reached the container:\n" + fds);
        }
        assertEquals("CapEff:\t0000000000000000", Files.readString(tmp.resolve("bundle/out/caps")).trim());
        assertEquals("/", Files.readString(tmp.resolve("bundle/out/cwd")).trim());
    }

    /**
     * linux.mountLabel goes into the new filesystems' options as context="…", as runc puts it: an SELinux host
     * labels them; a host without SELinux refuses the option, and create fails where runc fails (the /dev tmpfs).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aMountLabelIsPassedAsRuncPassesIt(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("true").edit(c -> ((ObjectNode) c.get("linux"))
                .put("mountLabel", "system_u:object_r:container_file_t:s0:c1,c2")).write();
        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "lbl");
        if (Files.isDirectory(Path.of("/sys/fs/selinux"))) {
            assertEquals(0, run.status, run.toString());
        } else {
            assertEquals(1, run.status, run.toString());
            assertTrue(run.err.contains("dst=" + tmp.resolve("bundle/rootfs/dev").toRealPath() + ", type=tmpfs")
                    && run.err.contains("context=") && run.err.contains("invalid argument"), run.toString());
            assertFalse(Files.exists(root.resolve("lbl")));
        }
    }

    /** An ignored signal stays ignored across execve: the JVM's (and glibc's own 32 and 33) must not reach it. */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theUserProcessStartsWithNoSignalIgnoredOrBlocked(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("exec grep -E 'Sig(Ign|Blk)' /proc/self/status > /out/signals").write();
        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "sig");
        assertEquals(0, run.status, run.toString());
        assertEquals("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000",
                Files.readString(tmp.resolve("bundle/out/signals")).trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aContainerJoinsAnotherContainersNamespacesByPath(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle first = BusyboxBundle.in(tmp.resolve("first")).shell("touch /out/up; exec sleep 60");
        first.config.put("hostname", "first-host");
        first.write();
        assertEquals(0, jrunc(backend, "run", "--detach", "--bundle", first.dir.toString(), "ns1").status);
        waitFor(() -> Files.exists(first.out.resolve("up")));
        Map<?, ?> state = new ObjectMapper().readValue(jrunc(backend, "state", "ns1").out, Map.class);
        int pid = (Integer) state.get("pid");
        bundle("hostname > /out/host; readlink /proc/self/ns/uts > /out/uts").edit(c -> {
            c.remove("hostname");
            var namespaces = ((ObjectNode) c.get("linux")).putArray("namespaces");
            namespaces.addObject().put("type", "pid");
            namespaces.addObject().put("type", "mount");
            namespaces.addObject().put("type", "uts").put("path", "/proc/" + pid + "/ns/uts");
        }).write();
        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "ns2");
        assertEquals(0, run.status, run.toString());
        assertEquals("first-host", Files.readString(tmp.resolve("bundle/out/host")).trim());
        assertEquals(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/uts")).toString(),
                Files.readString(tmp.resolve("bundle/out/uts")).trim());
        assertEquals(0, jrunc(backend, "delete", "--force", "ns1").status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void killAllSignalsEveryProcessOfTheContainer(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("sleep 60 & sleep 60 & touch /out/up; wait").write();
        assertEquals(0, jrunc(backend, "run", "--detach", "--bundle", tmp.resolve("bundle").toString(), "k1").status);
        waitFor(() -> Files.exists(tmp.resolve("bundle/out/up")));
        int pid = (Integer) new ObjectMapper().readValue(jrunc(backend, "state", "k1").out, Map.class).get("pid");
        String ns = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/pid")).toString();
        assertEquals(0, jrunc(backend, "kill", "--all", "k1", "KILL").status);
        waitFor(() -> {
            try (var procs = Files.list(Path.of("/proc"))) {
                return procs.filter(p -> p.getFileName().toString().matches("\\d+")).noneMatch(p -> {
                    try {
                        return Files.readSymbolicLink(p.resolve("ns/pid")).toString().equals(ns)
                                && !Files.readString(p.resolve("stat")).contains(") Z");
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
        });
        assertEquals(0, jrunc(backend, "delete", "k1").status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void noPivotDomainnameSysctlAndConfigDevicesAreApplied(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("{ cat /proc/sys/kernel/domainname; cat /proc/sys/net/ipv4/ip_forward; ls -l /dev/fuse | cut -c1-10;"
                + " ls /; } > /out/misc").edit(c -> {
                    c.put("domainname", "example.org");
                    ObjectNode linux = (ObjectNode) c.get("linux");
                    linux.putObject("sysctl").put("net.ipv4.ip_forward", "1");
                    linux.putArray("devices").addObject().put("path", "/dev/fuse").put("type", "c")
                            .put("major", 10).put("minor", 229).put("fileMode", 0620);
                }).write();
        var run = jrunc(backend, "run", "--no-pivot", "--bundle", tmp.resolve("bundle").toString(), "m1");
        assertEquals(0, run.status, run.toString());
        java.util.List<String> lines = Files.readAllLines(tmp.resolve("bundle/out/misc"));
        assertEquals("example.org", lines.get(0));
        assertEquals("1", lines.get(1), "the sysctl is set in the container's own network namespace");
        assertEquals("crw--w----", lines.get(2), "a config device with its exact mode");
        assertTrue(lines.contains("bin") && lines.contains("out"), "the root is the bundle's rootfs: " + lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theImagesSymlinksNeverRouteAMountOrANodeToTheHost(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // An image whose /data and /gadgets are absolute links to a path of this host (runc's CVE-2021-30465
        // class): the container sees them resolved in its own root, so must the runtime.
        Path hostOnly = tmp.resolve("host-only");
        BusyboxBundle bundle = bundle("grep -c \" $(readlink /data)/mnt tmpfs \" /proc/mounts > /out/seen;"
                + " ls -l /gadgets/fuse | cut -c1 >> /out/seen")
                .edit(c -> {
                    ObjectNode tmpfs = ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("mounts")).addObject();
                    tmpfs.put("destination", "/data/mnt").put("type", "tmpfs").put("source", "tmpfs");
                    ((ObjectNode) c.get("linux")).putArray("devices").addObject().put("path", "/gadgets/fuse")
                            .put("type", "c").put("major", 10).put("minor", 229);
                });
        Files.createDirectories(hostOnly.resolve("dev"));
        Files.createSymbolicLink(bundle.rootfs.resolve("data"), hostOnly);
        Files.createSymbolicLink(bundle.rootfs.resolve("gadgets"), hostOnly.resolve("dev"));
        bundle.write();

        var run = jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "s1");

        assertEquals(0, run.status, run.toString());
        assertEquals("1\nc", bundle.output("seen"), "the tmpfs and the node are where the container's links lead");
        try (var made = Files.walk(hostOnly)) {
            assertEquals(java.util.List.of(hostOnly, hostOnly.resolve("dev")), made.sorted().toList(),
                    "nothing was made at the host path the links name");
        }
        Path inRoot = bundle.rootfs.resolve(tmp.getRoot().relativize(hostOnly));
        assertTrue(Files.isDirectory(inRoot.resolve("mnt")), "the mount point is made inside the rootfs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void preserveFdsIsRefusedWhenNoLauncherRecordedWhatTheCallerPassed(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // In-process no launcher recorded the caller's fds, and this JVM's fd 3 is its own file (its modules
        // image or a jar): it must never reach a container. LauncherIT hands real fds over the launcher.
        bundle("true").write();
        for (String verb : java.util.List.of("create", "run")) {
            var refused = jrunc(backend, verb, "--preserve-fds", "1", "--bundle", tmp.resolve("bundle").toString(),
                    "pf");
            assertEquals(1, refused.status, refused.toString());
            assertTrue(refused.err.contains("jrunc " + verb
                    + " failed: unable to stat preserved-fd 0 (of 1): fd 3 was not passed to jrunc"), refused.toString());
            assertEquals(java.util.List.of(), LeftBehind.inits(), "no init is left");
            assertFalse(Files.exists(root.resolve("pf")), "no state is left");
            assertFalse(Files.exists(root.resolve("@locks/pf")), "no lock file is left");
            assertEquals(java.util.List.of(), LeftBehind.cgroups("pf"), "no cgroup is made");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aConsoleSocketWithoutATerminalIsRefused(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("true").write();
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), "--console-socket",
                tmp.resolve("sock").toString(), "c11");
        assertEquals(1, create.status);
        // runc 1.1.5's words
        assertTrue(create.err.contains("jrunc create failed: cannot use console socket if runc will not detach or"
                + " allocate tty"), create.toString());
        assertFalse(Files.exists(root.resolve("c11")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aRootfsThatIsALinkIsRefusedAsRuncRefusesIt(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundle("true").write();
        Files.move(b.rootfs, tmp.resolve("image"));
        Files.createSymbolicLink(b.rootfs, tmp.resolve("image"));
        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), "c6l");
        assertEquals(1, create.status);
        assertTrue(create.err.contains("invalid rootfs: not an absolute path, or a symlink"), create.toString());
        assertFalse(Files.exists(root.resolve("c6l")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aMissingRootfsFailsCreateAndLeavesNothing(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("true").edit(c -> ((ObjectNode) c.get("root")).put("path", "nowhere")).write();
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), "c6");
        assertEquals(1, create.status);
        assertTrue(create.err.contains("does not exist"), create.toString());
        assertFalse(Files.exists(root.resolve("c6")));
        assertFalse(Files.exists(root.resolve("@locks/c6")), "no lock file is left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aMountTheKernelRefusesFailsCreateAndLeavesNoInitNoStateNoMount(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("true").edit(c -> {
            ObjectNode m = ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("mounts")).addObject();
            m.put("destination", "/broken").put("type", "bogusfs").put("source", "none");
        }).write();
        createFailsLeavingNothing(backend, "c7", "prepare rootfs: mount src=none, dst=", "no such device");
    }

    /** Until the process is gone or a zombie. */
    private static void waitForEnd(int pid) throws Exception {
        waitFor(() -> !Files.exists(Path.of("/proc/" + pid)) || Files.readString(Path.of("/proc/" + pid + "/stat")).contains(") Z"));
    }

    /** Creates the bundle's container; returns its init's pid from --pid-file. */
    private int created(String backend, String id) throws IOException {
        Path pidFile = tmp.resolve("pid-" + id);
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), "--pid-file",
                pidFile.toString(), id);
        assertEquals(0, create.status, create.toString());
        return Integer.parseInt(Files.readString(pidFile).trim());
    }

    /** create exits 1 with every fragment in its error, and leaves no init, no state and no container listed. */
    private void createFailsLeavingNothing(String backend, String id, String... fragments) {
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), id);
        assertEquals(1, create.status, create.toString());
        for (String fragment : fragments) {
            assertTrue(create.err.contains(fragment), fragment + " in " + create);
        }
        assertEquals(java.util.List.of(), LeftBehind.inits(), "no init is left");
        assertFalse(Files.exists(root.resolve(id)));
        assertFalse(Files.exists(root.resolve("@locks").resolve(id)), "no lock file is left");
        assertEquals("", jrunc(backend, "list", "-q").out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aProcMountTheInitIsRefusedFailsCreateAndLeavesNoInitNoStateNoMount(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // /proc is the one mount the container's own first process makes: its refusal comes back over the socket.
        bundle("true").edit(c -> {
            for (var m : c.get("mounts")) {
                if (m.get("type").asText().equals("proc")) {
                    ((ObjectNode) m).putArray("options").add("hidepid=bogus");
                }
            }
        }).write();
        createFailsLeavingNothing(backend, "c9", "prepare rootfs: mount src=proc, dst="
                + tmp.resolve("bundle/rootfs/proc"), "invalid argument");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theCreatedInitIsOneNativeThreadInTheContainersRootHoldingOnlyStdioAndTheFifo(String backend)
            throws Exception {
        Backends.assumeLoads(backend);
        bundle("true").write();
        int pid = created(backend, "c10");
        Path proc = Path.of("/proc", Integer.toString(pid));
        String status = Files.readString(proc.resolve("status"));
        assertTrue(status.contains("Threads:\t1\n"), "no JVM waits in the container: " + status);
        // CVE-2019-5736: what the container can reach as the init's exe is a sealed copy, not the host's file.
        assertTrue(Files.readSymbolicLink(proc.resolve("exe")).toString().startsWith("/memfd:jrunc-init"),
                Files.readSymbolicLink(proc.resolve("exe")).toString());
        assertThrows(java.io.IOException.class, () -> Files.newOutputStream(proc.resolve("exe"),
                java.nio.file.StandardOpenOption.APPEND).close(), "the sealed copy cannot be written");
        Path rootfs = tmp.resolve("bundle/rootfs");
        // The links read "/" from here (another mount namespace); followed, they name the directories themselves.
        assertTrue(Files.isSameFile(proc.resolve("root"), rootfs), "its root is the container's");
        assertTrue(Files.isSameFile(proc.resolve("cwd"), rootfs), "no host cwd (CVE-2024-21626)");
        java.util.List<String> fds = new java.util.ArrayList<>();
        try (var list = Files.list(proc.resolve("fd"))) {
            for (Path fd : (Iterable<Path>) list::iterator) {
                if (Integer.parseInt(fd.getFileName().toString()) > 2) {
                    fds.add(Files.readSymbolicLink(fd).toString());
                }
            }
        }
        // Its own /proc/<pid>, opened before any container mount, reads "/<pid>" from outside the container's root;
        // it is close-on-exec and closed before the execve.
        java.util.Collections.sort(fds);
        assertEquals(java.util.List.of("/" + pid, root.resolve("c10/exec.fifo").toString()), fds,
                "beyond stdio its own /proc handle and the exec fifo: no jar, no socket, no host file");
        assertEquals(0, jrunc(backend, "delete", "--force", "c10").status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aMissingProgramFailsCreateNotStart(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("true").edit(c -> ((ObjectNode) c.get("process")).putArray("args").add("no-such-program")).write();
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), "c8");
        assertEquals(1, create.status);
        assertTrue(create.err.contains("executable file not found in $PATH"), create.toString());
        assertFalse(Files.exists(root.resolve("c8")));
    }

    /** runc's words for each (Go's exec.LookPath): Docker maps the first two to exit status 127. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ffm|nosuch|exec: \"nosuch\": executable file not found in $PATH",
            "jna|nosuch|exec: \"nosuch\": executable file not found in $PATH",
            "ffm|/nonexistent|exec: \"/nonexistent\": stat /nonexistent: no such file or directory",
            "jna|/nonexistent|exec: \"/nonexistent\": stat /nonexistent: no such file or directory",
            "ffm|/bin/busybox/x|exec: \"/bin/busybox/x\": stat /bin/busybox/x: not a directory",
            "jna|/etc/passwd|exec: \"/etc/passwd\": permission denied",
            "ffm|/etc|exec: \"/etc\": permission denied"})
    void aProgramThatCannotBeRunFailsCreateInRuncsWords(String backend, String program, String expected)
            throws Exception {
        Backends.assumeLoads(backend);
        bundle("true").edit(c -> ((ObjectNode) c.get("process")).putArray("args").add(program)).write();
        var create = jrunc(backend, "create", "--bundle", tmp.resolve("bundle").toString(), "c9");
        assertEquals(1, create.status);
        assertTrue(create.err.contains(expected.replace("\"", "\\\"")), create.toString());
        assertFalse(Files.exists(root.resolve("c9")));
        assertEquals(java.util.List.of(), LeftBehind.inits(), "no init is left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theProgramIsLookedUpAsTheContainersUserNotAsTheRuntime(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("true").edit(c -> {
            ((ObjectNode) c.get("process")).putArray("args").add("rootonly");
            ((ObjectNode) c.get("process")).putObject("user").put("uid", 1000).put("gid", 1000);
        }).write();
        Path program = tmp.resolve("bundle/rootfs/bin/rootonly");
        Files.writeString(program, "#!/bin/sh\ntrue\n");
        Files.setPosixFilePermissions(program, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        createFailsLeavingNothing(backend, "c11", "rootonly", "executable file not found in $PATH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aCreatedContainerStopsOnTermAsUnderRunc(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // Its init is pid 1 of the new namespace, which the kernel spares any signal it has no handler for.
        bundle("touch /out/ran").write();
        int pid = created(backend, "t1");
        assertEquals(0, jrunc(backend, "kill", "t1", "TERM").status);
        waitForEnd(pid);
        waitFor(() -> jrunc(backend, "state", "t1").out.contains("\"stopped\""));
        assertEquals(0, jrunc(backend, "delete", "t1").status, "a stopped container needs no --force");
        assertFalse(Files.exists(tmp.resolve("bundle/out/ran")), "nothing of the user's ran");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theContainerHasASessionKeyringOfItsOwnUnlessNoNewKeyring(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // runc's default spec masks /proc/keys; unmasked here so the container can list what it can see.
        bundle("cat /proc/keys > /out/keys").edit(c -> {
            var masked = (com.fasterxml.jackson.databind.node.ArrayNode) c.get("linux").get("maskedPaths");
            for (int i = masked.size() - 1; i >= 0; i--) {
                if (masked.get(i).asText().equals("/proc/keys")) {
                    masked.remove(i);
                }
            }
        }).write();
        assertEquals(0, jrunc(backend, "run", "--bundle", tmp.resolve("bundle").toString(), "kr1").status);
        String keys = Files.readString(tmp.resolve("bundle/out/keys"));
        assertTrue(keys.matches("(?s).* perm 3f1b0000 .* keyring +_ses\\.kr1: empty\n.*"), keys);
        assertEquals(0, jrunc(backend, "run", "--no-new-keyring", "--bundle", tmp.resolve("bundle").toString(), "kr2")
                .status);
        assertFalse(Files.readString(tmp.resolve("bundle/out/keys")).contains("_ses.kr2"), "the caller's keyring");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aSecondCreateOfOneIdIsRefusedAndDeleteForceCleansUp(String backend) throws Exception {
        Backends.assumeLoads(backend);
        bundle("sleep 60").write();
        String b = tmp.resolve("bundle").toString();
        assertEquals(0, jrunc(backend, "create", "--bundle", b, "c9").status);
        var second = jrunc(backend, "create", "--bundle", b, "c9");
        assertEquals(1, second.status);
        assertTrue(second.err.contains("container with id exists: c9"), second.toString());
        assertEquals(0, jrunc(backend, "delete", "--force", "c9").status);
        assertEquals(0, jrunc(backend, "delete", "--force", "c9").status);
        assertFalse(Files.exists(root.resolve("c9")));
    }

}
