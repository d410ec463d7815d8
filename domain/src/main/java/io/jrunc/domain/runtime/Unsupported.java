package io.jrunc.domain.runtime;

import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.Namespace;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.Process;
import io.jrunc.domain.config.SeccompAction;
import io.jrunc.domain.config.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a config this build does not carry out on the real kernel yet, by JSON path. A config that
 * uses one is refused before anything is made: half a security feature is worse than a clear refusal.
 */
public final class Unsupported {
    private Unsupported() {
    }

    public static List<String> in(Spec spec) {
        List<String> found = new ArrayList<>();
        spec.process().ifPresent(p -> process(p, found));
        spec.hooks().ifPresent(h -> found.add("hooks"));
        for (int i = 0; i < spec.mounts().size(); i++) {
            if (!spec.mounts().get(i).uidMappings().isEmpty() || !spec.mounts().get(i).gidMappings().isEmpty()) {
                found.add("mounts[" + i + "] (idmapped)");
            }
        }
        spec.linux().ifPresent(l -> linux(l, found));
        return found;
    }

    private static void process(Process p, List<String> found) {
        if (p.terminal()) {
            found.add("process.terminal");
        }
        p.scheduler().ifPresent(s -> found.add("process.scheduler"));
        p.ioPriority().ifPresent(s -> found.add("process.ioPriority"));
        p.execCPUAffinity().ifPresent(s -> found.add("process.execCPUAffinity"));
    }

    private static void linux(Linux l, List<String> found) {
        // The init is spawned by path from a thread that has joined the container's namespaces: in a joined mount
        // namespace that path would be looked up in the other container's tree, where its processes could have put
        // a program of their own, run as root before anything is dropped. Until the init joins that namespace
        // itself, after it runs, such a config is refused.
        l.namespace(NamespaceType.MOUNT).flatMap(Namespace::path).ifPresent(p -> found.add("joining a mount namespace"));
        l.seccomp().ifPresent(s -> {
            // An agent's notify fd, sent over listenerPath with the container's state, is not handed on yet.
            boolean notifies = s.defaultAction() == SeccompAction.NOTIFY || s.listenerPath().isPresent()
                    || s.syscalls().stream().anyMatch(call -> call.action() == SeccompAction.NOTIFY);
            if (notifies) {
                found.add("linux.seccomp (SCMP_ACT_NOTIFY)");
            }
        });
        l.intelRdt().ifPresent(s -> found.add("linux.intelRdt"));
        l.personality().ifPresent(s -> found.add("linux.personality"));
        l.memoryPolicy().ifPresent(s -> found.add("linux.memoryPolicy"));
        if (!l.netDevices().isEmpty()) {
            found.add("linux.netDevices");
        }
        if (!l.timeOffsets().isEmpty()) {
            found.add("linux.timeOffsets");
        }
    }
}
