package io.jrunc.domain.lifecycle;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A jrunc-init that runs no container: spawned by the calling thread in its own namespaces, with the fds it is
 * given and its end of a new sync socket, and past its "waiting". The mapping process of an id-mapped mount and
 * the rootless runtime's way back in start so.
 */
record SpawnedStage(int pid, NativeInitStage stage) {
    /** On failure nothing is left: the socket is closed, a process that started is killed and reaped. */
    static SpawnedStage spawn(Processes processes, FileDescriptors fds, String program, List<Integer> inherited,
                              String purpose) {
        int[] pair = fds.socketPair();
        int pid = -1;
        try {
            List<Integer> given = new ArrayList<>(inherited);
            given.add(pair[1]);
            pid = processes.spawn(new SpawnRequest(program, List.of("jrunc-init", Integer.toString(pair[1])),
                    List.of(), Set.of(), Map.of(), given));
            fds.close(pair[1]);
            pair[1] = -1;
            NativeInitStage stage = new NativeInitStage(fds, pair[0]);
            pair[0] = -1;
            if (!stage.hello().equals(NativeInitStage.WAITING)) {
                stage.close();
                throw new SyscallException("spawn", Errno.EIO, purpose + ": " + program + " exited before it was ready");
            }
            return new SpawnedStage(pid, stage);
        } catch (RuntimeException e) {
            if (pid > 0) {
                InitTermination.killAndAwait(processes, pid);
            }
            throw e;
        } finally {
            for (int fd : pair) {
                if (fd >= 0) {
                    fds.close(fd);
                }
            }
        }
    }
}
