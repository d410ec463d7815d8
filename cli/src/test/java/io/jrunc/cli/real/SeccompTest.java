package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * linux.seccomp on real containers: the filter the runtime compiles with libseccomp is installed by the init, in
 * runc's place (late with noNewPrivileges, before the user switch without), and a denied call fails inside with
 * the configured errno while the rest works.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SeccompTest extends RealContainers {
    /** mkdir denied with errnoRet (or EPERM), everything else allowed; and a name this libseccomp cannot know. */
    private static void denyMkdir(ObjectNode config, Integer errnoRet, boolean noNewPrivileges) {
        ((ObjectNode) config.get("process")).put("noNewPrivileges", noNewPrivileges);
        ObjectNode seccomp = ((ObjectNode) config.get("linux")).putObject("seccomp");
        seccomp.put("defaultAction", "SCMP_ACT_ALLOW");
        seccomp.putArray("architectures").add("SCMP_ARCH_X86_64").add("SCMP_ARCH_X86").add("SCMP_ARCH_X32");
        ArrayNode syscalls = seccomp.putArray("syscalls");
        ObjectNode deny = syscalls.addObject();
        deny.putArray("names").add("mkdir").add("mkdirat");
        deny.put("action", "SCMP_ACT_ERRNO");
        if (errnoRet != null) {
            deny.put("errnoRet", errnoRet);
        }
        syscalls.addObject().put("action", "SCMP_ACT_ERRNO").putArray("names").add("no_such_syscall_anywhere");
    }

    @ParameterizedTest
    @CsvSource({"ffm,true", "jna,true", "ffm,false", "jna,false"})
    void aDeniedCallFailsWithEpermInsideWhileTheRestRuns(String backend, boolean noNewPrivileges) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle"))
                .shell("mkdir /tmp/made 2> /out/mkdir; echo $? > /out/status; grep -E '^(Seccomp|NoNewPrivs):' "
                        + "/proc/self/status > /out/proc; echo ran > /out/ran")
                .edit(c -> denyMkdir(c, null, noNewPrivileges)).write();

        var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "sc1");

        assertEquals(0, run.status, run.toString());
        assertEquals("ran", b.output("ran"));
        assertEquals("1", b.output("status"));
        assertTrue(b.output("mkdir").contains("Operation not permitted"), b.output("mkdir"));
        assertEquals("NoNewPrivs:\t" + (noNewPrivileges ? 1 : 0) + "\nSeccomp:\t2", b.output("proc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theConfiguredErrnoIsWhatTheCallGets(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("mkdir /tmp/made 2> /out/mkdir; true")
                .edit(c -> denyMkdir(c, 28, true)).write(); // ENOSPC

        var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "sc2");

        assertEquals(0, run.status, run.toString());
        assertTrue(b.output("mkdir").contains("No space left on device"), b.output("mkdir"));
    }

    /** The runtime's own steps after the filter (the wait for start, closing fds) are not filtered out. */
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void createThenStartRunsTheProgramUnderTheFilter(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("mkdir /tmp/made 2> /out/mkdir; echo ran > /out/ran")
                .edit(c -> denyMkdir(c, null, true)).write();

        assertEquals(0, jrunc(backend, "create", "--bundle", b.dir.toString(), "sc3").status);
        assertEquals(0, jrunc(backend, "start", "sc3").status);
        waitFor(() -> java.nio.file.Files.exists(b.out.resolve("ran")));
        assertTrue(b.output("mkdir").contains("Operation not permitted"), b.output("mkdir"));
        assertEquals(0, jrunc(backend, "delete", "--force", "sc3").status);
    }
}
