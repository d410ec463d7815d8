package io.jrunc.cli.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Id-mapped bind mounts (mounts[].uidMappings, gidMappings, options idmap and ridmap; runtime-spec 1.2): a host
 * directory whose files belong to host ids 0 and 1000 shows them, through the mount, as the ids the mapping gives,
 * and what the container writes there lands on disk with the id it maps back to. Every user namespace the runtime
 * made for a mapping is gone once create ends: no fd of one in the runtime or in the container.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdmappedMountTest extends RealContainers {
    private static final int BASE = 100000;

    /** The container's root is host 100000, as the mounts' own mapping has it where it is "the same". */
    private static ObjectNode range(ArrayNode ranges, long container, long host, long size) {
        return ranges.addObject().put("containerID", container).put("hostID", host).put("size", size);
    }

    /** A source directory: root0 owned by host 0, u1000 by host 1000, the directory itself by host 0. */
    private Path source(String name) throws Exception {
        Path src = tmp.resolve(name);
        Files.createDirectories(src);
        Files.writeString(src.resolve("root0"), "0");
        Files.writeString(src.resolve("u1000"), "1000");
        chown(src.resolve("u1000"), "1000:1000");
        return src;
    }

    /** A bundle with a user namespace of its own (0-65535 is host 100000-165535) when {@code userns}. */
    private BusyboxBundle bundle(String script, boolean userns, Consumer<ArrayNode> mounts) throws Exception {
        BusyboxBundle b = BusyboxBundle.in(tmp.resolve("bundle")).shell(script).edit(c -> {
            ObjectNode linux = (ObjectNode) c.get("linux");
            if (userns) {
                ((ArrayNode) linux.get("namespaces")).addObject().put("type", "user");
                range(linux.putArray("uidMappings"), 0, BASE, 65536);
                range(linux.putArray("gidMappings"), 0, BASE, 65536);
            }
            mounts.accept((ArrayNode) c.get("mounts"));
        });
        if (userns) {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            chown(b.rootfs, BASE + ":" + BASE);
            chown(b.out, BASE + ":" + BASE);
        }
        return b.write();
    }

    /** A bind of {@code source} on {@code destination} with {@code options}, and the mapping {@code offset} gives. */
    private static ObjectNode bind(ArrayNode mounts, Path source, String destination, List<String> options,
                                   long host) {
        ObjectNode m = mounts.addObject().put("destination", destination).put("type", "bind")
                .put("source", source.toString());
        ArrayNode o = m.putArray("options");
        options.forEach(o::add);
        if (host >= 0) {
            range(m.putArray("uidMappings"), 0, host, 65536);
            range(m.putArray("gidMappings"), 0, host, 65536);
        }
        return m;
    }

    /** The links of this JVM's fds that name a user namespace: the runtime runs in it, so none may stay open. */
    private static List<String> userNamespaceFds() throws IOException {
        List<String> out = new ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("user:[")) {
                        out.add(fd.getFileName() + " -> " + link);
                    }
                } catch (IOException gone) {
                    // The listing's own fd, closed by now.
                }
            }
        }
        return out;
    }

    private static void chown(Path path, String owner) throws Exception {
        Process p = new ProcessBuilder("chown", "-R", "-h", owner, path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    private static int uid(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static String words(String text) {
        return String.join(" ", text.trim().split("\\s+"));
    }

    private static final String OWNERS = "stat -c '%n %u:%g' /data/root0 /data/u1000 > /out/owners;";

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void inAUserNamespaceTheHostsFilesShowAsTheContainersIdsAndWhatItWritesLandsUnmapped(String backend)
            throws Exception {
        Backends.assumeLoads(backend);
        Path src = source("src");
        List<String> before = userNamespaceFds();
        BusyboxBundle b = bundle(OWNERS + " echo w > /data/written && id -u > /out/uid;"
                        + " for f in /proc/$$/fd/*; do readlink $f; done > /out/fds; true",
                true, mounts -> bind(mounts, src, "/data", List.of("rbind", "idmap"), BASE));

        var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "idm1" + backend);

        assertEquals(0, run.status, run.toString());
        assertEquals("/data/root0 0:0 /data/u1000 1000:1000", words(b.output("owners")),
                "host 0 and 1000 are the container's 0 and 1000 through the mount");
        assertEquals("0", b.output("uid"));
        assertEquals(0, uid(src.resolve("written")), "the container's root (host 100000) writes as host 0 there");
        assertFalse(b.output("fds").contains("user:["), "no user namespace fd reaches the container: "
                + b.output("fds"));
        assertEquals(before, userNamespaceFds(), "every mapping's user namespace fd is closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void theSameBindWithoutAMappingShowsTheHostsIdsAsNobody(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Path src = source("src");
        BusyboxBundle b = bundle(OWNERS, true, mounts -> bind(mounts, src, "/data", List.of("rbind"), -1));

        var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "idm2" + backend);

        assertEquals(0, run.status, run.toString());
        assertEquals("/data/root0 65534:65534 /data/u1000 65534:65534", words(b.output("owners")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void eachDistinctMappingGetsItsOwnUserNamespaceAndIdmapAloneTakesTheContainers(String backend)
            throws Exception {
        Backends.assumeLoads(backend);
        Path src = source("src");
        List<String> before = userNamespaceFds();
        BusyboxBundle b = bundle("stat -c '%n %u:%g' /same/root0 /shifted/root0 /shifted/u1000 /own/u1000"
                        + " > /out/owners; if touch /own/x 2>/dev/null; then echo writable; else echo ro; fi > /out/own",
                true, mounts -> {
                    bind(mounts, src, "/same", List.of("bind", "idmap"), -1);           // the container's own
                    bind(mounts, src, "/shifted", List.of("bind", "idmap"), BASE + 1000); // host 0 is 1000 there
                    bind(mounts, src, "/own", List.of("bind", "ro"), BASE);             // mappings, no option
                });

        var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "idm3" + backend);

        assertEquals(0, run.status, run.toString());
        assertEquals("/same/root0 0:0 /shifted/root0 1000:1000 /shifted/u1000 2000:2000 /own/u1000 1000:1000",
                words(b.output("owners")));
        assertEquals("ro", b.output("own"), "a flag besides the bind is the remount after, as for any bind");
        assertEquals(before, userNamespaceFds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void ridmapMapsTheSubmountsOfAnRbindAndIdmapOnlyItsTop(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Path src = source("tree");
        Path sub = src.resolve("sub");
        Files.createDirectories(sub);
        run("mount", "-t", "tmpfs", "-o", "mode=755", "idmap-test", sub.toString());
        try {
            Files.writeString(sub.resolve("f"), "in a submount");
            BusyboxBundle b = bundle("stat -c '%n %u:%g' /r/root0 /r/sub/f /n/root0 /n/sub/f > /out/owners", true,
                    mounts -> {
                        bind(mounts, src, "/r", List.of("rbind", "ridmap"), BASE);
                        bind(mounts, src, "/n", List.of("rbind", "idmap"), BASE);
                    });

            var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "idm4" + backend);

            assertEquals(0, run.status, run.toString());
            assertEquals("/r/root0 0:0 /r/sub/f 0:0 /n/root0 0:0 /n/sub/f 65534:65534", words(b.output("owners")));
        } finally {
            run("umount", sub.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void withoutAUserNamespaceTheMountStillMapsAsTheHostSeesIt(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Path src = source("src");
        BusyboxBundle b = bundle(OWNERS, false, mounts -> bind(mounts, src, "/data", List.of("bind", "idmap"), BASE));

        var run = jrunc(backend, "run", "--bundle", b.dir.toString(), "idm5" + backend);

        assertEquals(0, run.status, run.toString());
        assertEquals("/data/root0 100000:100000 /data/u1000 101000:101000", words(b.output("owners")));
    }

    /** A create refused: non-zero, the error names what, and nothing is left (state, mount, init, fd). */
    private void refused(String backend, BusyboxBundle b, String id, String expected) throws Exception {
        List<String> before = userNamespaceFds();
        var create = jrunc(backend, "create", "--bundle", b.dir.toString(), id);
        assertTrue(create.status != 0, create.toString());
        assertTrue(create.err.contains(expected), create.toString());
        assertFalse(Files.exists(root.resolve(id)), "no state directory is left");
        assertEquals(before, userNamespaceFds(), "no user namespace fd is left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aFilesystemWithoutIdMappedMountsIsRefusedNamingTheMount(String backend) throws Exception {
        Backends.assumeLoads(backend);
        // procfs has no FS_ALLOW_IDMAP: mount_setattr says EINVAL.
        BusyboxBundle b = bundle("true", true, mounts -> bind(mounts, Path.of("/proc/sys"), "/data",
                List.of("bind", "idmap"), BASE));
        int index = b.config.get("mounts").size() - 1;
        refused(backend, b, "idm6" + backend, "mounts[" + index + "] (id-mapped)");
        var again = jrunc(backend, "create", "--bundle", b.dir.toString(), "idm6" + backend);
        assertTrue(again.err.contains("the filesystem does not support id-mapped mounts"), again.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void aMappingOnAMountThatIsNoBindIsRefusedBeforeAnythingIsMade(String backend) throws Exception {
        Backends.assumeLoads(backend);
        BusyboxBundle b = bundle("true", true, mounts -> {
            ObjectNode tmpfs = mounts.addObject().put("destination", "/data").put("type", "tmpfs")
                    .put("source", "tmpfs");
            tmpfs.putArray("options").add("idmap");
        });
        int index = b.config.get("mounts").size() - 1;
        refused(backend, b, "idm7" + backend, "mounts[" + index + "]: id-mapped mounts are only supported for bind-mounts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void badRangesAreRefusedAsTheKernelWouldRefuseThemInAUidMap(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Path src = source("src");
        BusyboxBundle b = bundle("true", true, mounts -> {
            ObjectNode m = bind(mounts, src, "/data", List.of("bind", "idmap"), BASE);
            range((ArrayNode) m.get("uidMappings"), 10, 200000, 5);
            range((ArrayNode) m.get("gidMappings"), 70000, 300000, 0);
        });
        int index = b.config.get("mounts").size() - 1;
        refused(backend, b, "idm8" + backend,
                "mounts[" + index + "].uidMappings[1].containerID: range overlaps mounts[" + index + "].uidMappings[0]");
        var again = jrunc(backend, "create", "--bundle", b.dir.toString(), "idm8" + backend);
        assertTrue(again.err.contains("mounts[" + index + "].gidMappings[1].size: must be greater than zero"),
                again.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "jna"})
    void idmapWithoutMappingsNeedsTheContainersUserNamespace(String backend) throws Exception {
        Backends.assumeLoads(backend);
        Path src = source("src");
        BusyboxBundle b = bundle("true", false, mounts -> bind(mounts, src, "/data", List.of("bind", "idmap"), -1));
        int index = b.config.get("mounts").size() - 1;
        refused(backend, b, "idm9" + backend, "mounts[" + index + "].options: idmap without uidMappings");
    }
}
