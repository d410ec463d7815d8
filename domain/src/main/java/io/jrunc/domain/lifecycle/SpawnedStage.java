package io.jrunc.domain.lifecycle;

import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * A jrunc-init past its "waiting": spawned with the fds it is given and its end of a new sync socket, either by
 * the calling thread in its own namespaces (the mapping process of an id-mapped mount, the rootless runtime's way
 * back in) or by a thread in a container's namespaces (a container's init, exec's first stage).
 */
record SpawnedStage(int pid, NativeInitStage stage) {
    /**
     * Spawned by the calling thread, its end of the socket after {@code inherited}; one that exits before it is
     * ready is a failure, saying what it was for.
     */
    static SpawnedStage spawn(Processes processes, FileDescriptors fds, String program, List<Integer> inherited,
                              String purpose) {
        return spawn(processes, fds, program, end -> {
            List<Integer> given = new ArrayList<>(inherited);
            given.add(end);
            return given;
        }, processes::spawn, stage -> { }).orElseThrow(() -> new SyscallException("spawn", Errno.EIO,
                purpose + ": " + program + " exited before it was ready"));
    }

    /**
     * {@code inherited}: the fds it keeps, given its end of the sync socket; {@code spawner}: what spawns it, and
     * so in whose namespaces it is born; {@code first}: what is set on its stage before its hello is read. Empty
     * where it exited before it was ready, so that each caller says so in its own words. Empty or thrown, nothing
     * is left: the socket is closed, a process that started is killed and reaped.
     */
    static Optional<SpawnedStage> spawn(Processes processes, FileDescriptors fds, String program,
                                        IntFunction<List<Integer>> inherited, ToIntFunction<SpawnRequest> spawner,
                                        Consumer<NativeInitStage> first) {
        int[] pair = fds.socketPair();
        int pid = -1;
        NativeInitStage stage = null;
        try {
            pid = spawner.applyAsInt(new SpawnRequest(program, List.of("jrunc-init", Integer.toString(pair[1])),
                    List.of(), Set.of(), Map.of(), inherited.apply(pair[1])));
            // Our copy of its end goes first, so that one that dies shows as end of file.
            fds.close(pair[1]);
            pair[1] = -1;
            stage = new NativeInitStage(fds, pair[0]);
            pair[0] = -1;
            first.accept(stage);
            if (!stage.hello().equals(NativeInitStage.WAITING)) {
                InitTermination.killAndAwait(processes, pid);
                return Optional.empty();
            }
            SpawnedStage spawned = new SpawnedStage(pid, stage);
            stage = null;
            return Optional.of(spawned);
        } catch (RuntimeException e) {
            if (pid > 0) {
                InitTermination.killAndAwait(processes, pid);
            }
            throw e;
        } finally {
            if (stage != null) {
                stage.close();
            }
            for (int fd : pair) {
                closeQuietly(fds, fd);
            }
        }
    }

    private static void closeQuietly(FileDescriptors fds, int fd) {
        if (fd >= 0) {
            try {
                fds.close(fd);
            } catch (SyscallException e) {
                // Our own end: nothing to do about a failed close.
            }
        }
    }
}
