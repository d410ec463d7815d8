package io.jrunc.cli.real;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrunc.cli.oci.SpecWriter;
import io.jrunc.domain.config.DefaultSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A bundle made from the host's static busybox (Debian's busybox-static): runc's default config, minus
 * a terminal (tests read what the container writes through files), capabilities and cgroup resources, running
 * {@code sh -c}.
 */
final class BusyboxBundle {
    static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path rootfs;
    final Path out;
    final ObjectNode config;

    private BusyboxBundle(Path dir) throws IOException, InterruptedException {
        this(dir, DefaultSpecs.runc());
    }

    private BusyboxBundle(Path dir, io.jrunc.domain.config.Spec spec) throws IOException, InterruptedException {
        this.dir = dir;
        this.rootfs = dir.resolve("rootfs");
        this.out = dir.resolve("out");
        for (String d : List.of("bin", "dev", "etc", "proc", "sys", "tmp", "root", "out")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        Files.createDirectories(out);
        Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
        for (String applet : new String(list.getInputStream().readAllBytes()).split("\n")) {
            Path link = rootfs.resolve("bin").resolve(applet.trim());
            if (!applet.isBlank() && !Files.exists(link)) {
                Files.createSymbolicLink(link, Path.of("busybox"));
            }
        }
        list.waitFor();
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        config = (ObjectNode) JSON.readTree(SpecWriter.write(spec));
        ObjectNode process = (ObjectNode) config.get("process");
        process.put("terminal", false);
        process.remove("capabilities");
        ((ObjectNode) config.get("linux")).remove("resources");
        // The test reads what the container wrote through a bind mount of a host directory.
        ArrayNode mounts = (ArrayNode) config.get("mounts");
        ObjectNode bind = mounts.addObject();
        bind.put("destination", "/out");
        bind.put("type", "bind");
        bind.put("source", out.toString());
        bind.putArray("options").add("rbind").add("rw");
    }

    static BusyboxBundle in(Path dir) throws IOException, InterruptedException {
        return new BusyboxBundle(dir);
    }

    /** From what {@code runc spec --rootless} writes for a user with these ids. */
    static BusyboxBundle rootlessIn(Path dir, long uid, long gid) throws IOException, InterruptedException {
        return new BusyboxBundle(dir, DefaultSpecs.rootless(uid, gid));
    }

    BusyboxBundle shell(String script) {
        ArrayNode args = ((ObjectNode) config.get("process")).putArray("args");
        args.add("sh").add("-c").add(script);
        return this;
    }

    BusyboxBundle edit(Consumer<ObjectNode> change) {
        change.accept(config);
        return this;
    }

    BusyboxBundle write() throws IOException {
        Files.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        return this;
    }

    String output(String name) throws IOException {
        return Files.readString(out.resolve(name)).trim();
    }
}
