package io.jrunc.domain.lifecycle;

import io.jrunc.domain.runtime.IdMappings;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import java.util.List;

/**
 * A user namespace whose maps are an id-mapped mount's, as runc 1.2's mapping process makes it: no thread of the
 * JVM may unshare a user namespace, so a short-lived jrunc-init, spawned by the caller's thread in the runtime's
 * own namespaces (never from inside the container's mount namespace, where its path could name another
 * program), unshares one ("userns"); the runtime writes its uid_map and gid_map, opens /proc/PID/ns/user, which
 * keeps the namespace once the process is gone, and ends it. It inherits stdio and its socket alone.
 */
final class MappingProcess implements IdmapUserNamespaces.Maker {
    private final Processes processes;
    private final FileDescriptors fds;
    private final ProcFs proc;
    private final Namespaces namespaces;
    private final String program;

    MappingProcess(Processes processes, FileDescriptors fds, ProcFs proc, Namespaces namespaces, String program) {
        this.processes = processes;
        this.fds = fds;
        this.proc = proc;
        this.namespaces = namespaces;
        this.program = program;
    }

    @Override
    public int make(IdMappings mappings) {
        SpawnedStage spawned = SpawnedStage.spawn(processes, fds, program, List.of(0, 1, 2), "the mapping process");
        try {
            spawned.stage().unshareUserNamespace();
            // One write each, all ranges at once; host root needs no "deny" in setgroups for the gid_map.
            proc.write(spawned.pid(), "uid_map", mappings.uidMap());
            proc.write(spawned.pid(), "gid_map", mappings.gidMap());
            return namespaces.openNamespace("/proc/" + spawned.pid() + "/ns/user");
        } finally {
            spawned.stage().close();
            // Its socket is closed: it exits by itself; killed and reaped here so that none outlives the call.
            InitTermination.killAndAwait(processes, spawned.pid());
        }
    }
}
