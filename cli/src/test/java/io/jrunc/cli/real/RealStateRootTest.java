package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The state root with real containers, as root, through both native backends: ids as long as a directory's
 * name can be, and links planted under the root, which no command follows.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RealStateRootTest extends RealContainers {
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void anIdOf255CharactersIsCreatedStartedAndDeletedAndA256thIsRefusedAsRuncDoes(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle bundle = BusyboxBundle.in(tmp.resolve("bundle")).shell("echo ran > /out/ran").write();
        String id = "x".repeat(255);

        var create = jrunc(backend, "create", "--bundle", bundle.dir.toString(), id);
        assertEquals(0, create.status, create.toString());
        Map<?, ?> state = new ObjectMapper().readValue(jrunc(backend, "state", id).out, Map.class);
        assertEquals(id, state.get("id"));
        assertEquals("created", state.get("status"));
        assertEquals(id, jrunc(backend, "list", "-q").out.trim());
        assertEquals(0, jrunc(backend, "start", id).status);
        waitFor(() -> Files.exists(bundle.out.resolve("ran")));
        waitFor(() -> jrunc(backend, "state", id).out.contains("\"stopped\""));
        var delete = jrunc(backend, "delete", id);
        assertEquals(0, delete.status, delete.toString());
        assertFalse(Files.exists(root.resolve(id)));
        assertFalse(Files.exists(root.resolve("@locks").resolve(id)), "no lock file is left");

        String tooLong = "x".repeat(256);
        for (String[] command : List.of(new String[] {"create", "--bundle", bundle.dir.toString(), tooLong},
                new String[] {"state", tooLong}, new String[] {"delete", tooLong})) {
            var refused = jrunc(backend, command);
            assertEquals(1, refused.status, refused.toString());
            assertTrue(refused.err.contains("lstat " + root.resolve(tooLong) + ": file name too long"),
                    refused.toString());
        }
        assertEquals(List.of(), LeftBehind.inits(), "no init is left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aLinkPlantedAtAnIdIsNoContainerForAnyCommand(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle bundle = BusyboxBundle.in(tmp.resolve("bundle")).shell("sleep 60").write();
        assertEquals(0, jrunc(backend, "create", "--bundle", bundle.dir.toString(), "real").status);
        int pid = (Integer) new ObjectMapper().readValue(jrunc(backend, "state", "real").out, Map.class).get("pid");
        // One link to a live container's directory by a name of the root, one to a copy of it elsewhere.
        Path copy = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.copy(root.resolve("real/state.json"), copy.resolve("state.json"));
        Files.createSymbolicLink(root.resolve("relative"), Path.of("real"));
        Files.createSymbolicLink(root.resolve("absolute"), copy);

        for (String planted : List.of("relative", "absolute")) {
            for (String[] command : List.of(new String[] {"state", planted}, new String[] {"start", planted},
                    new String[] {"kill", planted, "KILL"}, new String[] {"delete", planted})) {
                var refused = jrunc(backend, command);
                assertEquals(1, refused.status, refused.toString());
                assertTrue(refused.err.contains("container does not exist"), refused.toString());
            }
            assertFalse(Files.exists(root.resolve(planted), LinkOption.NOFOLLOW_LINKS),
                    "delete takes the link itself away, as runc does");
        }
        assertEquals("real", jrunc(backend, "list", "-q").out.trim());
        assertTrue(Files.exists(Path.of("/proc/" + pid)), "the real container's init was not killed");
        assertTrue(Files.exists(copy.resolve("state.json")), "what the link named stays");
        assertTrue(jrunc(backend, "state", "real").out.contains("\"created\""), "nor started");

        Files.createSymbolicLink(root.resolve("forced"), copy);
        assertEquals(0, jrunc(backend, "delete", "--force", "forced").status);
        assertFalse(Files.exists(root.resolve("forced"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, jrunc(backend, "delete", "--force", "real").status);
        assertEquals(List.of(), LeftBehind.inits(), "no init is left");
    }
}
