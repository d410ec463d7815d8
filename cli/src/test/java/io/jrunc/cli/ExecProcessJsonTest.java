package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.cli.oci.SpecReader;
import io.jrunc.domain.config.Capability;
import io.jrunc.domain.config.Process;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** exec's process: the container's own changed by the flags as runc's getProcess changes it, or a process.json. */
class ExecProcessJsonTest {
    private static final byte[] CONFIG = io.jrunc.cli.oci.SpecWriter.write(io.jrunc.domain.config.DefaultSpecs.runc())
            .getBytes(StandardCharsets.UTF_8);

    private static ExecProcessJson.Overrides flags(List<String> args) {
        return new ExecProcessJson.Overrides(args, Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(),
                false, Optional.empty(), Optional.empty(), false);
    }

    private static Process process(byte[] json) {
        return SpecReader.read(json).get().process().orElseThrow();
    }

    @Test
    void theFlagsChangeTheContainersProcessAsRuncs() {
        var o = new ExecProcessJson.Overrides(List.of("id", "-u"), Optional.of("/tmp"), List.of("A=1"),
                Optional.of("1000:1001"), List.of("10", "20"), List.of("CAP_SYS_ADMIN"), true, Optional.of("prof"),
                Optional.of("label"), false);
        Process p = process(ExecProcessJson.withOverrides(CONFIG, o).get());
        assertEquals(List.of("id", "-u"), p.args());
        assertEquals("/tmp", p.cwd());
        assertEquals("A=1", p.env().get(p.env().size() - 1), "appended to the container's env");
        assertTrue(p.env().size() > 1);
        assertEquals(1000, p.user().uid());
        assertEquals(1001, p.user().gid());
        assertEquals(List.of(10L, 20L), p.user().additionalGids());
        var caps = p.capabilities().orElseThrow();
        for (var set : List.of(caps.bounding(), caps.effective(), caps.permitted(), caps.ambient())) {
            assertTrue(set.contains(Capability.SYS_ADMIN), set.toString());
        }
        assertFalse(caps.inheritable().contains(Capability.SYS_ADMIN));
        assertTrue(p.noNewPrivileges());
        assertEquals(Optional.of("prof"), p.apparmorProfile());
        assertEquals(Optional.of("label"), p.selinuxLabel());
        assertFalse(p.terminal());
    }

    @Test
    void aUserWithoutAGidKeepsTheContainersGid() {
        var o = new ExecProcessJson.Overrides(List.of("id"), Optional.empty(), List.of(), Optional.of("7"), List.of(),
                List.of(), false, Optional.empty(), Optional.empty(), false);
        Process p = process(ExecProcessJson.withOverrides(CONFIG, o).get());
        assertEquals(7, p.user().uid());
        assertEquals(0, p.user().gid());
    }

    @Test
    void aUidOrGidThatIsNoNumberFailsInRuncsWords() {
        var o = new ExecProcessJson.Overrides(List.of("id"), Optional.empty(), List.of(), Optional.of("1000:abc"),
                List.of(), List.of(), false, Optional.empty(), Optional.empty(), false);
        assertEquals("parsing abc as int for gid failed: strconv.Atoi: parsing \"abc\": invalid syntax",
                ExecProcessJson.withOverrides(CONFIG, o).getLeft());
        var u = new ExecProcessJson.Overrides(List.of("id"), Optional.empty(), List.of(), Optional.of("me"),
                List.of(), List.of(), false, Optional.empty(), Optional.empty(), false);
        assertEquals("parsing me as int for uid failed: strconv.Atoi: parsing \"me\": invalid syntax",
                ExecProcessJson.withOverrides(CONFIG, u).getLeft());
    }

    @Test
    void aProcessFileReplacesTheProcessAndIsCheckedUnderItsJsonPaths() {
        byte[] file = "{\"args\": [\"ls\"], \"cwd\": \"rel\", \"rlimits\": [{\"type\": \"RLIMIT_NOFILE\", \"soft\": 9, \"hard\": 1}]}"
                .getBytes(StandardCharsets.UTF_8);
        var read = SpecReader.read(ExecProcessJson.withProcessFile(CONFIG, file).get());
        assertTrue(read.isInvalid());
        List<String> paths = read.getError().map(e -> e.path()).toJavaList();
        assertTrue(paths.contains("process.cwd"), paths.toString());
        assertTrue(paths.contains("process.rlimits[0]"), paths.toString());

        byte[] good = "{\"args\": [\"ls\"], \"cwd\": \"/\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("ls"), process(ExecProcessJson.withProcessFile(CONFIG, good).get()).args());
    }

    @Test
    void unreadableProcessJsonIsSaidSo() {
        assertTrue(ExecProcessJson.withProcessFile(CONFIG, "{".getBytes(StandardCharsets.UTF_8)).getLeft()
                .startsWith("invalid process.json"));
    }

    @Test
    void ttyIsFalseUnlessAsked() {
        assertFalse(process(ExecProcessJson.withOverrides(CONFIG, flags(List.of("sh"))).get()).terminal());
    }
}
