package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * runc's tmpcopyup, as podman asks for it on every tmpfs of a `--read-only` container: the tmpfs over a
 * directory of the image starts with the image's files (owners, modes and links kept) and is writable on a
 * read-only root; the image itself is not touched.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TmpCopyUpTest extends RealContainers {
    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aTmpfsOverAnImageDirectoryStartsWithItsContent(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell(
                "stat -c '%a %u:%g' /etc/app /etc/app/secret > /out/stat; cat /etc/app/secret > /out/secret;"
                        + " readlink /etc/app/link > /out/link; touch /etc/app/new && echo writable > /out/write;"
                        + " grep ' /etc ' /proc/self/mountinfo | cut -d' ' -f9 > /out/fstype; touch /x 2>/dev/null || echo ro > /out/root")
                .edit(c -> {
                    c.with("root").put("readonly", true);
                    ArrayNode mounts = (ArrayNode) c.get("mounts");
                    ObjectNode tmpfs = mounts.addObject();
                    tmpfs.put("destination", "/etc").put("type", "tmpfs").put("source", "tmpfs");
                    tmpfs.putArray("options").add("rw").add("nosuid").add("nodev").add("tmpcopyup");
                }).write();
        Path app = b.rootfs.resolve("etc/app");
        Files.createDirectories(app);
        Files.writeString(app.resolve("secret"), "from the image\n");
        Files.createSymbolicLink(app.resolve("link"), Path.of("/nowhere"));
        Files.setAttribute(app, "unix:mode", 01750);
        Files.setAttribute(app.resolve("secret"), "unix:uid", 1234);
        Files.setAttribute(app.resolve("secret"), "unix:mode", 0640);

        var run = CliRunner.run(backend, tmp.resolve("state"), "run", "--bundle", b.dir.toString(), "c1");

        assertEquals(0, run.status, run.toString());
        assertEquals("1750 0:0\n640 1234:0", b.output("stat"));
        assertEquals("from the image", b.output("secret"));
        assertEquals("/nowhere", b.output("link"));
        assertEquals("writable", b.output("write"));
        assertEquals("tmpfs", b.output("fstype"));
        assertEquals("ro", b.output("root"));
        assertEquals(false, Files.exists(app.resolve("new")), "the image is left as it was");
    }
}
