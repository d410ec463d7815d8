package io.jrunc.domain.lifecycle;

import io.jrunc.domain.container.LifecycleError;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Processes;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts the container's init as a process of its own, born in the container's namespaces. It gets
 * exactly stdio, the fds the caller asked to preserve, an O_PATH fd of the exec fifo and its end of the
 * sync socket; every other fd of the runtime is closed in it, so no host fd reaches the container
 * (CVE-2024-21626).
 */
public final class SpawnedInit implements InitLauncher {
    private final Processes processes;
    private final FileDescriptors fds;
    private final InitCommand command;
    /** The runtime's end of each waiting init's sync socket, by the init's pid. */
    private final Map<Integer, Integer> syncByPid = new ConcurrentHashMap<>();

    public SpawnedInit(Processes processes, FileDescriptors fds, InitCommand command) {
        this.processes = processes;
        this.fds = fds;
        this.command = command;
    }

    @Override
    public Either<LifecycleError, Integer> spawn(InitRequest request) {
        int fifo = -1;
        int[] pair = null;
        try {
            fifo = fds.openPath(request.stateDirectory() + "/" + StateFiles.EXEC_FIFO);
            pair = fds.socketPair();
            List<Integer> inherited = new java.util.ArrayList<>(List.of(0, 1, 2));
            for (int fd = 3; fd < 3 + request.config().process().preservedFds(); fd++) {
                inherited.add(fd);
            }
            inherited.add(fifo);
            inherited.add(pair[1]);
            int pid = processes.spawn(new SpawnRequest(command.executable(),
                    command.argv(request, fifo, pair[1]), command.env(),
                    request.config().newNamespaces(), request.config().joinedNamespaces(), inherited));
            // Our copy of the init's end goes first, so an init that dies shows as end of file.
            closeQuietly(pair[1]);
            pair[1] = -1;
            // Returned once the init's JVM is up and blocked: what follows (its cgroup, its limits) must not
            // meet a JVM still starting its threads.
            String hello = InitHandshake.receive(fds, pair[0]);
            if (!hello.equals(InitHandshake.WAITING)) {
                InitTermination.killAndAwait(processes, pid);
                return Either.left(new LifecycleError.InitReported(hello.startsWith(InitHandshake.ERROR)
                        ? hello.substring(InitHandshake.ERROR.length())
                        : "container init exited before it was ready"));
            }
            syncByPid.put(pid, pair[0]);
            pair[0] = -1;
            return Either.right(pid);
        } catch (SyscallException e) {
            return Either.left(new LifecycleError.KernelRefused("spawn init", e));
        } finally {
            closeQuietly(fifo);
            if (pair != null) {
                closeQuietly(pair[0]);
                closeQuietly(pair[1]);
            }
        }
    }

    @Override
    public Either<LifecycleError, Integer> proceed(InitRequest request, int pid) {
        Integer sync = syncByPid.remove(pid);
        if (sync == null) {
            throw new IllegalStateException("no init " + pid + " waits for go");
        }
        try {
            InitHandshake.sendGo(fds, sync);
            String reply = InitHandshake.receive(fds, sync);
            if (reply.equals(InitHandshake.READY)) {
                return Either.right(pid);
            }
            if (reply.startsWith(InitHandshake.ERROR)) {
                return Either.left(new LifecycleError.InitReported(reply.substring(InitHandshake.ERROR.length())));
            }
            return Either.left(new LifecycleError.InitReported("container init exited before it was ready"));
        } catch (SyscallException e) {
            return Either.left(new LifecycleError.KernelRefused("sync with init", e));
        } finally {
            closeQuietly(sync);
        }
    }

    private void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                fds.close(fd);
            } catch (SyscallException e) {
                // Nothing to do about a failed close of our own end.
            }
        }
    }
}
