package io.jrunc.domain.lifecycle;

import io.jrunc.domain.runtime.ContainerConfig;
import io.jrunc.domain.runtime.IdMappings;
import io.jrunc.ports.FsCredentials;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A new user namespace and the namespaces it owns (docs/architecture.md, "User namespaces"). No thread of the
 * JVM may unshare a user namespace (the kernel wants a single-threaded caller), so jrunc-init, spawned without
 * new namespaces, makes it; the runtime writes its uid_map and gid_map; the init makes the other namespaces,
 * which the new user namespace then owns, and clones its successor into them, pid 1 of the new pid namespace.
 * The runtime's thread joins them (host root has every capability in a namespace a descendant user namespace
 * owns) and makes every file from then on as the container's root, so the plan runs unchanged.
 */
public final class UserNamespaceEntry {
    private final Namespaces namespaces;
    private final Processes processes;
    private final ProcFs proc;
    private final FsCredentials files;

    public UserNamespaceEntry(Namespaces namespaces, Processes processes, ProcFs proc, FsCredentials files) {
        this.namespaces = namespaces;
        this.processes = processes;
        this.proc = proc;
        this.files = files;
    }

    /** The namespaces the runtime's thread makes itself: none but CLONE_FS when the init makes a user namespace. */
    static boolean makesUserNamespace(ContainerConfig config) {
        return config.newNamespaces().contains(Namespace.USER);
    }

    /** Whether the container makes a user namespace or joins one by path: either way, the init enters it. */
    static boolean entersUserNamespace(ContainerConfig config) {
        return makesUserNamespace(config) || config.joinedNamespaces().containsKey(Namespace.USER);
    }

    /**
     * Takes the waiting init {@code firstStage} through the user namespace's set-up; returns the pid of its
     * successor, the container's init from now on. On failure both are gone before the exception leaves.
     */
    int enter(NamespaceThread thread, NativeInitStage stage, int firstStage, ContainerConfig config) {
        IdMappings ids = config.idMappings();
        long rootUid = ids.hostUid(0).orElseThrow(() -> unmappedRoot("uid"));
        long rootGid = ids.hostGid(0).orElseThrow(() -> unmappedRoot("gid"));
        Set<Namespace> owned = EnumSet.noneOf(Namespace.class);
        owned.addAll(config.newNamespaces());
        owned.remove(Namespace.USER);
        // As without a user namespace, the cgroup namespace is made once the init is in the container's cgroup.
        owned.remove(Namespace.CGROUP);
        int init = 0;
        boolean reaped = false;
        String joined = config.joinedNamespaces().get(Namespace.USER);
        try {
            if (joined == null) {
                stage.unshareUserNamespace();
                // Each file takes all its ranges in one write; gid_map needs no "deny" in setgroups for host root.
                proc.write(firstStage, "uid_map", ids.uidMap());
                proc.write(firstStage, "gid_map", ids.gidMap());
            } else {
                // The other joined namespaces the thread has joined already, as host root may; the user one only
                // a single-threaded process can, and its maps are the namespace's own: the config's must match.
                stage.joinUserNamespace(joined);
                sameRanges("linux.uidMappings", ids.uidMap(), stage.readOwn("uid_map"));
                sameRanges("linux.gidMappings", ids.gidMap(), stage.readOwn("gid_map"));
            }
            // It becomes the namespace's root, as runc's nsexec does, so that what the kernel makes for the
            // namespaces it unshares next (the mqueue filesystem's root, say) is the container root's.
            // Host root's supplementary groups (unmapped there) go too, as runc's nsexec drops them.
            // Not where setgroups is "deny" (a user namespace made inside one that denies it inherits that).
            if (!io.jrunc.domain.init.GroupsPolicy.denied(stage.readOwn("setgroups"))) {
                stage.setgroups(java.util.List.of());
            }
            stage.setresgid(0, 0, 0);
            stage.setresuid(0, 0, 0);
            if (owned.isEmpty() && joined != null) {
                // Nothing more to make (every namespace joined): the first stage is the container's init.
                init = firstStage;
                reaped = true;
            } else {
                java.util.Optional<String> offsets = owned.contains(Namespace.TIME)
                        ? config.platform().timeOffsets() : java.util.Optional.empty();
                if (offsets.isPresent()) {
                    // As runc's nsexec has its parent do: the namespaces made first, then the new time namespace's
                    // offsets written from here, as host root (CAP_SYS_TIME over it; the first stage, not dumpable,
                    // cannot open its own /proc files, which stay host root's), before a process enters it.
                    stage.unshare(owned);
                    proc.write(firstStage, "timens_offsets", offsets.get());
                    init = stage.unshareAndFork(Set.of());
                } else {
                    init = stage.unshareAndFork(owned);
                }
                // The first stage has answered and exits: reap it, so it leaves no zombie behind.
                processes.waitFor(firstStage);
                reaped = true;
            }
            int pid = init;
            List<Namespace> join = new ArrayList<>(owned);
            // The thread spawns nothing more, so it needs neither the pid nor the time namespace (which only a
            // single-threaded process may join); the mount namespace goes last.
            join.remove(Namespace.PID);
            join.remove(Namespace.TIME);
            join.sort(Namespace.JOIN_ORDER);
            thread.call(() -> {
                for (Namespace ns : join) {
                    namespaces.setns("/proc/" + pid + "/ns/" + ns.procName(), ns);
                }
                // Mount points, device nodes, /dev links and tmpfs roots belong to the container's root, as the
                // files of runc's init, which runs as that root, do.
                files.createFilesAs((int) rootUid, (int) rootGid);
                return null;
            });
            return init;
        } catch (RuntimeException | Error e) {
            // The init, be it the first stage's child or (every namespace joined) the first stage itself.
            if (init > 0) {
                InitTermination.killAndAwait(processes, init);
            }
            if (!reaped) {
                InitTermination.killAndAwait(processes, firstStage);
            }
            throw e;
        }
    }

    /** The config's ranges against a joined namespace's own, whatever their order and the kernel's spacing. */
    static void sameRanges(String field, String configured, String own) {
        if (!ranges(configured).equals(ranges(own))) {
            throw new SyscallException("setns", Errno.EINVAL, field + " (" + configured.strip().replace('\n', ',')
                    + ") do not match the joined user namespace's (" + String.join(",", ranges(own)) + ")");
        }
    }

    private static java.util.SortedSet<String> ranges(String map) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        map.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> out.add(String.join(" ", l.split("\\s+"))));
        return out;
    }

    private static SyscallException unmappedRoot(String which) {
        return new SyscallException("user namespace", Errno.EINVAL,
                "user namespaces enabled, but no root user mapping found (" + which + " 0)");
    }
}
