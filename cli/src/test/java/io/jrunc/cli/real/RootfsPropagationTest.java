package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.CliRunner;
import io.jrunc.ports.model.MountFlag;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * linux.rootfsPropagation, each value of the spec, as the container's own "/" shows it in /proc/self/mountinfo.
 * Each container is made in a throwaway mount namespace whose mounts are all shared first, as on a systemd host
 * (pivot_root refuses a new root under a shared mount, and a slave needs a master to show).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RootfsPropagationTest extends RealContainers {
    /** The optional fields of the "/" line: "shared:N", "master:N", "unbindable" or none. */
    private static String rootPropagation(String mountinfo) {
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            if (f.length > 6 && f[4].equals("/")) {
                StringBuilder kinds = new StringBuilder();
                for (int i = 6; !f[i].equals("-"); i++) {
                    kinds.append(f[i].replaceAll(":\\d+", "")).append(' ');
                }
                return kinds.toString().trim();
            }
        }
        throw new AssertionError("no / in\n" + mountinfo);
    }

    @ParameterizedTest
    @CsvSource({"ffm,shared,shared", "jna,shared,shared", "ffm,rshared,shared", "jna,rshared,shared",
            "ffm,slave,master", "jna,slave,master", "ffm,rslave,master", "jna,rslave,master",
            "ffm,private,''", "jna,private,''", "ffm,rprivate,''", "jna,rprivate,''"})
    void theContainersRootHasThePropagationAsked(String backend, String propagation, String shown) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("cat /proc/self/mountinfo > /out/mountinfo")
                .edit(c -> ((ObjectNode) c.get("linux")).put("rootfsPropagation", propagation)).write();

        var run = ThrowawayMountNamespace.run(backend, Set.of(MountFlag.MS_SHARED),
                () -> CliRunner.run(backend, tmp.resolve("state"), "run", "--bundle", b.dir.toString(), "p1"));

        assertEquals(0, run.status, run.toString());
        assertEquals(shown, rootPropagation(b.output("mountinfo")), b.output("mountinfo"));
    }

    /** runc fails the same way: the root's own bind is refused once every mount is unbindable. */
    @ParameterizedTest
    @CsvSource({"ffm,unbindable", "jna,unbindable", "ffm,runbindable", "jna,runbindable"})
    void anUnbindableRootFailsCreateAsRuncDoes(String backend, String propagation) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell("true")
                .edit(c -> ((ObjectNode) c.get("linux")).put("rootfsPropagation", propagation)).write();

        var create = ThrowawayMountNamespace.run(backend, Set.of(MountFlag.MS_SHARED),
                () -> CliRunner.run(backend, tmp.resolve("state"), "create", "--bundle", b.dir.toString(), "p2"));

        assertEquals(1, create.status, create.toString());
        assertTrue(create.err.contains("type=bind, flags=MS_BIND|MS_REC: invalid argument"), create.err);
        assertFalse(Files.exists(tmp.resolve("state/p2")));
    }
}
