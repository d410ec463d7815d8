package io.jrunc.domain.runtime;

import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.Namespace;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.Process;
import io.jrunc.domain.config.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a config this build does not carry out on the real kernel yet, by JSON path. A config that
 * uses one is refused before anything is made: half a security feature is worse than a clear refusal.
 */
public final class Unsupported {
    private static final java.util.Set<String> RECURSIVE_OPTIONS = java.util.Set.of("rro", "rrw", "rnosuid", "rsuid",
            "rnodev", "rdev", "rnoexec", "rexec", "rnodiratime", "rdiratime", "rrelatime", "rnorelatime", "rnoatime",
            "ratime", "rstrictatime", "rnostrictatime", "rnosymfollow", "rsymfollow");

    private Unsupported() {
    }

    public static List<String> in(Spec spec) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < spec.mounts().size(); i++) {
            // runc's recursive options (mount_setattr with AT_RECURSIVE): not carried out yet, and otherwise they
            // would reach the filesystem as data, which a bind ignores: an "rro" volume would be writable.
            for (String option : spec.mounts().get(i).options()) {
                if (RECURSIVE_OPTIONS.contains(option)) {
                    found.add("mounts[" + i + "].options (" + option + ")");
                }
            }
        }
        spec.linux().ifPresent(l -> linux(l, found));
        return found;
    }


    private static void linux(Linux l, List<String> found) {
        // The init is spawned by path from a thread that has joined the container's namespaces: in a joined mount
        // namespace that path would be looked up in the other container's tree, where its processes could have put
        // a program of their own, run as root before anything is dropped. Until the init joins that namespace
        // itself, after it runs, such a config is refused.
        l.namespace(NamespaceType.MOUNT).flatMap(Namespace::path).ifPresent(p -> found.add("joining a mount namespace"));
        // setns(2) into a time namespace takes a single-threaded caller (EUSERS otherwise), which the runtime's
        // thread in a JVM never is; a new one (unshare, offsets, then the init) is made as runc makes it.
        l.namespace(NamespaceType.TIME).flatMap(Namespace::path).ifPresent(p -> found.add("joining a time namespace"));
        l.intelRdt().ifPresent(s -> found.add("linux.intelRdt"));
    }
}
