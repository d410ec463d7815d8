package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.ports.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jrunc exec on real containers, both backends: the new process is in every namespace and the cgroup of the
 * container's init, gets the container's (or the flags') credentials, no_new_privs and seccomp filter, and its exit
 * status is exec's; the refusals are runc 1.1's, and a failed exec leaves no process behind. The exec's stdout is
 * this JVM's (the CLI runs in it), so what it sees is written to /out, a bind of a host directory.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecTest extends RealContainers {
    private final List<String> started = new ArrayList<>();
    private String backend;

    /** A detached container running sleep, with two capabilities, no_new_privs and mkdir denied by seccomp. */
    private BusyboxBundle running(String backend, String id) throws Exception {
        this.backend = backend;
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle-" + id)).edit(c -> {
            ObjectNode process = (ObjectNode) c.get("process");
            process.putArray("args").add("sleep").add("1000");
            process.put("noNewPrivileges", true);
            ObjectNode caps = process.putObject("capabilities");
            for (String set : List.of("bounding", "effective", "permitted")) {
                caps.putArray(set).add("CAP_KILL").add("CAP_NET_BIND_SERVICE");
            }
            ObjectNode seccomp = ((ObjectNode) c.get("linux")).putObject("seccomp");
            seccomp.put("defaultAction", "SCMP_ACT_ALLOW");
            seccomp.putArray("architectures").add("SCMP_ARCH_X86_64");
            ObjectNode deny = seccomp.putArray("syscalls").addObject();
            deny.putArray("names").add("mkdir").add("mkdirat");
            deny.put("action", "SCMP_ACT_ERRNO");
        }).write();
        // Whoever the exec runs as writes its findings here.
        Files.setPosixFilePermissions(b.out, PosixFilePermissions.fromString("rwxrwxrwx"));
        var run = jrunc(backend, "run", "--detach", "--bundle", b.dir.toString(), id);
        assertEquals(0, run.status, run.toString());
        started.add(id);
        return b;
    }

    @AfterEach
    void deleteContainers() {
        started.forEach(id -> jrunc(backend, "delete", "--force", id));
    }

    private int initPid(String id) {
        String state = jrunc(backend, "state", id).out;
        return Integer.parseInt(state.replaceAll("(?s).*\"pid\": *([0-9]+).*", "$1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theProcessJoinsEveryNamespaceAndTheCgroupOfTheInit(String backend) throws Exception {
        BusyboxBundle b = running(backend, "ex-ns-" + backend);
        var exec = jrunc(backend, "exec", "ex-ns-" + backend, "sh", "-c",
                "for n in cgroup ipc mnt net pid uts time; do echo $n $(readlink /proc/1/ns/$n) $(readlink /proc/self/ns/$n);"
                        + " done > /out/ns; cat /proc/1/cgroup > /out/init-cgroup; cat /proc/self/cgroup > /out/cgroup;"
                        + " id > /out/id");
        assertEquals(0, exec.status, exec.toString());
        for (String line : b.output("ns").split("\n")) {
            String[] f = line.split(" ");
            assertEquals(3, f.length, line);
            assertEquals(f[1], f[2], "the exec's " + f[0] + " namespace is the init's");
        }
        // And the host agrees: the init's mount namespace is the one the exec saw as pid 1's.
        String initMnt = Files.readSymbolicLink(Path.of("/proc/" + initPid("ex-ns-" + backend) + "/ns/mnt")).toString();
        assertTrue(b.output("ns").contains("mnt " + initMnt + " " + initMnt), b.output("ns"));
        assertEquals(b.output("init-cgroup"), b.output("cgroup"));
        assertEquals("uid=0(root) gid=0", b.output("id")); // the bundle has no /etc/group
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theExitStatusIsExecsAndASignalIs128PlusIt(String backend) throws Exception {
        running(backend, "ex-st-" + backend);
        assertEquals(7, jrunc(backend, "exec", "ex-st-" + backend, "sh", "-c", "exit 7").status);
        assertEquals(137, jrunc(backend, "exec", "ex-st-" + backend, "sh", "-c", "kill -9 $$").status);
        assertEquals(0, jrunc(backend, "exec", "ex-st-" + backend, "true").status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theContainersCapabilitiesNoNewPrivsAndSeccompHoldAndCapAddsOne(String backend) throws Exception {
        BusyboxBundle b = running(backend, "ex-sec-" + backend);
        String script = "grep -E '^(CapEff|CapPrm|CapBnd|NoNewPrivs|Seccomp):' /proc/self/status > /out/%s;"
                + " mkdir /tmp/made 2> /out/%s-mkdir; true";
        assertEquals(0, jrunc(backend, "exec", "ex-sec-" + backend, "sh", "-c",
                script.formatted("plain", "plain")).status);
        assertEquals("CapPrm:\t0000000000000420\nCapEff:\t0000000000000420\nCapBnd:\t0000000000000420\n"
                + "NoNewPrivs:\t1\nSeccomp:\t2", b.output("plain"));
        assertTrue(b.output("plain-mkdir").contains("Operation not permitted"), b.output("plain-mkdir"));

        assertEquals(0, jrunc(backend, "exec", "--cap", "CAP_SYS_ADMIN", "ex-sec-" + backend, "sh", "-c",
                script.formatted("cap", "cap")).status);
        assertTrue(b.output("cap").startsWith("CapPrm:\t0000000000200420\nCapEff:\t0000000000200420\n"
                + "CapBnd:\t0000000000200420"), b.output("cap"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void envCwdUserAndGroupsComeFromTheFlags(String backend) throws Exception {
        BusyboxBundle b = running(backend, "ex-usr-" + backend);
        var exec = jrunc(backend, "exec", "-e", "FOO=bar", "--env", "BAZ=qux", "--cwd", "/tmp", "-u", "1000:1001",
                "-g", "10", "--additional-gids", "20", "ex-usr-" + backend, "sh", "-c",
                "echo \"$FOO $BAZ $(pwd) $(id -u) $(id -g) $(id -G)\" > /out/who");
        assertEquals(0, exec.status, exec.toString());
        assertEquals("bar qux /tmp 1000 1001 1001 10 20", b.output("who"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aProcessFileIsRunAndCheckedAsConfigJsonsProcess(String backend) throws Exception {
        BusyboxBundle b = running(backend, "ex-pf-" + backend);
        Path good = tmp.resolve("process.json");
        Files.writeString(good, """
                {"args": ["sh", "-c", "echo $X $(pwd) $(id -u) > /out/p"], "env": ["X=fromfile", "PATH=/bin"],
                 "cwd": "/etc", "user": {"uid": 2, "gid": 2}}""");
        var exec = jrunc(backend, "exec", "--process", good.toString(), "ex-pf-" + backend);
        assertEquals(0, exec.status, exec.toString());
        assertEquals("fromfile /etc 2", b.output("p"));

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"args\": [], \"cwd\": \"etc\"}");
        var refused = jrunc(backend, "exec", "-p", bad.toString(), "ex-pf-" + backend);
        assertEquals(255, refused.status, refused.toString());
        assertTrue(refused.err.contains("exec failed: process.args: must not be empty"), refused.err);
        assertTrue(refused.err.contains("exec failed: process.cwd: must be an absolute path"), refused.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void detachReturnsAtOnceAndWritesThePidFile(String backend) throws Exception {
        BusyboxBundle b = running(backend, "ex-d-" + backend);
        Path pidFile = tmp.resolve("exec.pid");
        var exec = jrunc(backend, "exec", "--detach", "--pid-file", pidFile.toString(), "ex-d-" + backend,
                "sh", "-c", "sleep 0.5; echo done > /out/done");
        assertEquals(0, exec.status, exec.toString());
        assertFalse(Files.exists(b.out.resolve("done")), "exec --detach did not wait");
        long pid = Long.parseLong(Files.readString(pidFile));
        assertTrue(ProcessHandle.of(pid).isPresent(), "the pid file names the running process");
        waitFor(() -> Files.exists(b.out.resolve("done")));
        // Our child, as this JVM is the runtime that spawned it (a real `jrunc exec -d` exits and leaves it to be
        // reaped by init): reaped here, or the container's pid 1 would wait for it forever as it dies.
        assertEquals(0, Backends.ports(backend).getInstance(Processes.class).waitFor((int) pid).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void pausedAndStoppedContainersAreRefusedInRuncsWords(String backend) throws Exception {
        running(backend, "ex-ps-" + backend);
        String id = "ex-ps-" + backend;
        assertEquals(0, jrunc(backend, "pause", id).status);
        var paused = jrunc(backend, "exec", id, "true");
        assertEquals(255, paused.status, paused.toString());
        assertTrue(paused.err.contains("exec failed: cannot exec in a paused container (use --ignore-paused to"
                + " override)"), paused.err);
        assertEquals(0, jrunc(backend, "resume", id).status);
        assertEquals(0, jrunc(backend, "kill", id, "KILL").status);
        waitFor(() -> jrunc(backend, "state", id).out.contains("\"stopped\""));
        var stopped = jrunc(backend, "exec", id, "true");
        assertEquals(255, stopped.status, stopped.toString());
        assertTrue(stopped.err.contains("exec failed: cannot exec in a stopped container"), stopped.err);
        var missing = jrunc(backend, "exec", "ex-none-" + backend, "true");
        assertEquals(255, missing.status);
        assertTrue(missing.err.contains("exec failed: container does not exist"), missing.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aMissingProgramFailsInRuncsWordsAndLeavesNoProcess(String backend) throws Exception {
        running(backend, "ex-np-" + backend);
        String id = "ex-np-" + backend;
        long sockets = LeftBehind.sockets();
        var exec = jrunc(backend, "exec", id, "nosuch");
        assertEquals(255, exec.status, exec.toString());
        assertTrue(exec.err.contains("exec failed: unable to start container process: exec: \\\"nosuch\\\": executable"
                + " file not found in $PATH"), exec.err);
        // Only the container's own sleep is left in its pid namespace, and the runtime holds no more sockets.
        String pidNs = Files.readSymbolicLink(Path.of("/proc/" + initPid(id) + "/ns/pid")).toString();
        assertEquals(1, inNamespace(pidNs));
        assertEquals(sockets, LeftBehind.sockets());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aCwdThroughAHostFdIsRefusedAsABreakout(String backend) throws Exception {
        running(backend, "ex-cwd-" + backend);
        // fd 3 of the first stage is its own handle on the host's /proc/self (CVE-2024-21626's shape).
        var exec = jrunc(backend, "exec", "--cwd", "/proc/self/fd/3", "ex-cwd-" + backend, "pwd");
        assertEquals(255, exec.status, exec.toString());
        assertTrue(exec.err.contains("possible container breakout detected"), exec.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theProgramGetsStdioAndNoOtherFd(String backend) throws Exception {
        BusyboxBundle b = running(backend, "ex-fd-" + backend);
        var exec = jrunc(backend, "exec", "ex-fd-" + backend, "sh", "-c", "ls /proc/self/fd > /out/fds");
        assertEquals(0, exec.status, exec.toString());
        // 0, 1 (the redirect), 2, and the directory ls reads.
        assertEquals("0\n1\n2\n3", b.output("fds"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aContainerWithoutAMountNamespaceIsRefusedRatherThanEnteredAtTheHostsRoot(String backend) throws Exception {
        this.backend = backend;
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle-nomnt")).edit(c -> {
            ((ObjectNode) c.get("process")).putArray("args").add("sleep").add("1000");
            ObjectNode linux = (ObjectNode) c.get("linux");
            ArrayNode namespaces = linux.putArray("namespaces");
            namespaces.addObject().put("type", "pid");
            namespaces.addObject().put("type", "uts");
            linux.remove("maskedPaths");
            linux.remove("readonlyPaths");
            c.putArray("mounts");
            ((ObjectNode) c.get("root")).put("readonly", false);
        }).write();
        String id = "ex-nomnt-" + backend;
        var run = jrunc(backend, "run", "--detach", "--bundle", b.dir.toString(), id);
        assertEquals(0, run.status, run.toString());
        started.add(id);
        var exec = jrunc(backend, "exec", id, "true");
        assertEquals(255, exec.status, exec.toString());
        assertTrue(exec.err.contains("exec into a container without a mount namespace is not supported yet"), exec.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void cgroupPutsTheProcessInAnExistingSubCgroupAndAMissingOneFailsTheExec(String backend) throws Exception {
        BusyboxBundle b = running(backend, "ex-cg-" + backend);
        String id = "ex-cg-" + backend;
        // The sub-cgroup in every hierarchy the container's cgroup is in, wherever the host put it.
        List<Path> subs = new ArrayList<>();
        for (Path own : cgroupDirs(initPid(id))) {
            Path sub = Files.createDirectory(own.resolve("sub"));
            subs.add(sub);
            if (Files.exists(own.resolve("cgroup.clone_children")) && Files.exists(own.resolve("cpuset.mems"))) {
                // A v1 cpuset starts with no cpus and mems, and takes no process so (ENOSPC, runc's too).
                for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
                    Files.writeString(sub.resolve(file), Files.readString(own.resolve(file)).trim());
                }
            }
        }
        try {
            assertFalse(subs.isEmpty(), "the container has a cgroup of its own");
            var exec = jrunc(backend, "exec", "--cgroup", "sub", id, "sh", "-c", "cat /proc/self/cgroup > /out/cg");
            assertEquals(0, exec.status, exec.toString());
            for (String line : b.output("cg").split("\n")) {
                assertTrue(line.endsWith("/sub"), b.output("cg"));
            }
            var missing = jrunc(backend, "exec", "--cgroup", "nosuch", id, "true");
            assertEquals(255, missing.status, missing.toString());
            assertTrue(missing.err.contains("no such file or directory"), missing.err);
            var above = jrunc(backend, "exec", "--cgroup", "../x", id, "true");
            assertEquals(255, above.status, above.toString());
        } finally {
            for (Path sub : subs) {
                Files.delete(sub);
            }
        }
    }

    /** The directories of a process's cgroups: its /proc/[pid]/cgroup lines under their cgroup mounts. */
    static List<Path> cgroupDirs(int pid) throws IOException {
        List<String[]> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ");
            String[] fields = halves[0].split(" ");
            String[] fs = halves[1].split(" ");
            if ((fs[0].equals("cgroup") || fs[0].equals("cgroup2")) && fields[3].equals("/")) {
                mounts.add(new String[] {fs[0], fields[4], fs[2]});
            }
        }
        List<Path> dirs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] f = line.split(":", 3);
            for (String[] m : mounts) {
                boolean v2 = f[0].equals("0") && m[0].equals("cgroup2");
                boolean v1 = !f[0].equals("0") && m[0].equals("cgroup") && !f[1].isEmpty()
                        && List.of(m[2].split(",")).containsAll(List.of(f[1].split(",")));
                if (v2 || v1) {
                    dirs.add(Path.of(m[1] + f[2]));
                    break;
                }
            }
        }
        return dirs;
    }
}
