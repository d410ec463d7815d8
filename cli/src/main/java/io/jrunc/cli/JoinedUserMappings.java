package io.jrunc.cli;

import io.jrunc.domain.config.IdMapping;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.Namespace;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.Spec;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mappings of a user namespace joined by path, where the config gives none: runc 1.2 reads them from the
 * namespace (runc 1.1 wants them in the config; both are accepted). They are read from the joined process's
 * /proc/PID/uid_map and gid_map, so a path of that form is needed then; given ones are checked against the
 * namespace's own once the init has joined it.
 */
final class JoinedUserMappings {
    private static final Pattern PROC_PATH = Pattern.compile("/proc/(\\d+)/ns/user");

    private JoinedUserMappings() {
    }

    static Either<String, Spec> fill(Spec spec) {
        Optional<Linux> linux = spec.linux();
        Optional<String> path = linux.flatMap(l -> l.namespace(NamespaceType.USER)).flatMap(Namespace::path);
        if (path.isEmpty() || (!linux.get().uidMappings().isEmpty() && !linux.get().gidMappings().isEmpty())) {
            return Either.right(spec);
        }
        Matcher proc = PROC_PATH.matcher(path.get());
        if (!proc.matches()) {
            return Either.left("linux.uidMappings, linux.gidMappings: needed to join the user namespace "
                    + path.get() + " (its own are read only from a /proc/PID/ns/user path)");
        }
        Linux l = linux.get();
        try {
            List<IdMapping> uids = l.uidMappings().isEmpty() ? read(proc.group(1), "uid_map") : l.uidMappings();
            List<IdMapping> gids = l.gidMappings().isEmpty() ? read(proc.group(1), "gid_map") : l.gidMappings();
            return Either.right(spec.toBuilder().linux(l.toBuilder().uidMappings(uids).gidMappings(gids).build())
                    .build());
        } catch (IOException | RuntimeException e) {
            return Either.left("read the mappings of the user namespace " + path.get() + ": " + e.getMessage());
        }
    }

    /** A /proc map file: "container host size" per line, the kernel's columns padded with spaces. */
    private static List<IdMapping> read(String pid, String file) throws IOException {
        String text;
        // Read as a stream: a /proc file's size is 0.
        try (InputStream in = Files.newInputStream(Path.of("/proc", pid, file))) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        List<IdMapping> out = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3) {
                out.add(new IdMapping(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        return out;
    }
}
