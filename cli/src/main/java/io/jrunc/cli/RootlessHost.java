package io.jrunc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this runtime runs rootless, and where its state goes then, as runc decides both: rootless when the
 * effective uid is not 0, or when it is 0 inside a user namespace (the way rootless podman calls a runtime);
 * {@code --rootless true|false} decides instead of that guess.
 */
final class RootlessHost {
    /** The initial user namespace's map: every id is itself. */
    private static final String IDENTITY = "0 0 4294967295";

    private final long euid;
    private final long egid;
    private final boolean inUserNamespace;

    RootlessHost(long euid, long egid, boolean inUserNamespace) {
        this.euid = euid;
        this.egid = egid;
        this.inUserNamespace = inUserNamespace;
    }

    RootlessHost(long euid, boolean inUserNamespace) {
        this(euid, euid, inUserNamespace);
    }

    /** This process's. */
    static RootlessHost current() {
        String status = read(Path.of("/proc/self/status"));
        return new RootlessHost(effective(status, "Uid:"), effective(status, "Gid:"),
                inUserNamespace(read(Path.of("/proc/self/uid_map"))));
    }

    long euid() {
        return euid;
    }

    long egid() {
        return egid;
    }

    boolean inUserNamespace() {
        return inUserNamespace;
    }

    /**
     * runc's rootless cgroup manager choice: {@code flag} "true"/"false" (and ParseBool's other spellings), else
     * ("auto") rootless when not root or root of a user namespace; never with systemd's driver unless forced.
     */
    boolean rootless(String flag, boolean systemdCgroup) {
        Optional<Boolean> forced = parseBoolOrAuto(flag);
        if (forced.isPresent()) {
            return forced.get();
        }
        if (systemdCgroup) {
            return false;
        }
        return euid != 0 || inUserNamespace;
    }

    /**
     * The state root when {@code --root} is not given: $XDG_RUNTIME_DIR/jrunc for a user that is not root, and for
     * root of a user namespace unless $USER says root (runc's shouldHonorXDGRuntimeDir); /run/jrunc otherwise.
     */
    Path defaultRoot(Map<String, String> env) {
        String xdg = env.getOrDefault("XDG_RUNTIME_DIR", "");
        boolean honour = !xdg.isEmpty() && (euid != 0 || inUserNamespace && !"root".equals(env.get("USER")));
        return honour ? Path.of(xdg, "jrunc") : Path.of("/run/jrunc");
    }

    /** Go's strconv.ParseBool spellings, and "auto" (or nothing) for none. */
    static Optional<Boolean> parseBoolOrAuto(String value) {
        switch (value == null ? "auto" : value) {
            case "", "auto":
                return Optional.empty();
            case "1", "t", "T", "TRUE", "true", "True":
                return Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False":
                return Optional.of(false);
            default:
                throw new IllegalArgumentException("invalid value for --rootless: " + value
                        + " (expected true, false or auto)");
        }
    }

    static boolean inUserNamespace(String uidMap) {
        // An unreadable map (no /proc) is no evidence of one.
        return !uidMap.isBlank() && !String.join(" ", uidMap.strip().split("\\s+")).equals(IDENTITY);
    }

    /** The effective id of a /proc/self/status line ("Uid:" real effective saved fs). */
    private static long effective(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).strip().split("\\s+")[1]);
            }
        }
        return 0;
    }

    private static String read(Path path) {
        try {
            return new String(Files.readAllBytes(path), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
