package io.jrunc.ports.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.ports.FsCredentials;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The thread's filesystem ids (root on a real kernel, on a thread thrown away afterwards): what it makes then
 * belongs to them, it keeps every effective capability, and no other thread's files change owner.
 */
public abstract class FsCredentialsContract extends PortContract {
    private FsCredentials files() {
        return ports().port(FsCredentials.class);
    }

    @BeforeEach
    void needsPrivilege() {
        assumePrivileged();
    }

    @Test
    void whatTheThreadMakesBelongsToTheIdsAndItsPrivilegesStay() throws Exception {
        String capsBefore = ports().realKernel() ? statusLine("CapEff") : "";
        // Closed to everyone but its owner, host root: only CAP_DAC_OVERRIDE lets another fsuid in.
        ports().filesystem().mkdirs(path("closed"), 0700);
        String capsAfter = ports().isolated(Set.of(), () -> {
            files().createFilesAs(100000, 100001);
            ports().filesystem().mkdirs(path("made"), 0755);
            ports().filesystem().touch(path("closed/file"), 0644);
            ports().filesystem().symlink("made", path("link"));
            return ports().realKernel() ? statusLine("CapEff") : "";
        });
        ports().filesystem().touch(path("ours"), 0644);

        assertEquals(capsBefore, capsAfter, "the effective capabilities are raised again");
        if (ports().realKernel()) {
            for (String made : List.of("made", "closed/file", "link")) {
                assertEquals(List.of(100000, 100001), owner(path(made)), made);
            }
            assertEquals(List.of(0, 0), owner(path("ours")), "another thread's files are still root's");
        }
    }

    private static List<Integer> owner(String path) throws Exception {
        Path p = Path.of(path);
        return List.of((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }

    private static String statusLine(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith(key + ":")) {
                    return line.substring(key.length() + 1).trim();
                }
            }
            return "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
