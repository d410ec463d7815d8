package io.jrunc.domain.lifecycle;

import io.jrunc.domain.runtime.IdMappings;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Namespaces;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        int[] pair = fds.socketPair();
        int pid = -1;
        NativeInitStage stage = null;
        try {
            pid = processes.spawn(new SpawnRequest(program, List.of("jrunc-init", Integer.toString(pair[1])), List.of(),
                    Set.of(), Map.of(), List.of(0, 1, 2, pair[1])));
            fds.close(pair[1]);
            pair[1] = -1;
            stage = new NativeInitStage(fds, pair[0]);
            pair[0] = -1;
            if (!stage.hello().equals(NativeInitStage.WAITING)) {
                throw new SyscallException("unshare", Errno.EIO, "CLONE_NEWUSER (the mapping process exited first)");
            }
            stage.unshareUserNamespace();
            // One write each, all ranges at once; host root needs no "deny" in setgroups for the gid_map.
            proc.write(pid, "uid_map", mappings.uidMap());
            proc.write(pid, "gid_map", mappings.gidMap());
            return namespaces.openNamespace("/proc/" + pid + "/ns/user");
        } finally {
            if (stage != null) {
                stage.close();
            }
            for (int fd : pair) {
                if (fd >= 0) {
                    fds.close(fd);
                }
            }
            if (pid > 0) {
                // Its socket is closed: it exits by itself; killed and reaped here so that none outlives the call.
                InitTermination.killAndAwait(processes, pid);
            }
        }
    }
}
