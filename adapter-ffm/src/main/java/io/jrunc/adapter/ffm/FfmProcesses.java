package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** posix_spawn, waitpid, kill, execve and /proc/[pid]/stat. */
final class FfmProcesses implements Processes {
    private final FfmNamespaces namespaces = new FfmNamespaces();

    private static final class waitpid {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("waitpid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class kill {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("kill",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class getpid {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("getpid", FunctionDescriptor.of(JAVA_INT));
    }

    private static final class execve {
        static final MethodHandle HANDLE = FfmLibc.errnoDowncall("execve",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    }

    @Override
    public int spawn(SpawnRequest request) {
        if (request.newNamespaces().isEmpty() && request.joinNamespaces().isEmpty()) {
            return FfmPosixSpawn.spawn(request);
        }
        // Joined first, then the new ones, which may then belong to a joined user namespace.
        return FfmDedicatedThread.call("jrunc-spawn", () -> {
            namespaces.join(request.joinNamespaces());
            if (!request.newNamespaces().isEmpty()) {
                namespaces.unshare(request.newNamespaces());
            }
            return FfmPosixSpawn.spawn(request);
        });
    }

    @Override
    public ExitStatus waitFor(int pid) {
        return decodeWaitStatus(FfmLibc.retryingOnEintr(() -> waitpid(pid)));
    }

    private static int waitpid(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            FfmLibc.call("waitpid", String.valueOf(pid),
                    (a, state) -> (int) waitpid.HANDLE.invokeExact(state, pid, status, 0));
            return status.get(JAVA_INT, 0);
        }
    }

    /** The WIFEXITED/WEXITSTATUS/WTERMSIG macros of sys/wait.h. */
    static ExitStatus decodeWaitStatus(int status) {
        int signal = status & 0x7f;
        if (signal == 0) {
            return ExitStatus.exited((status >> 8) & 0xff);
        }
        return ExitStatus.killed(signal);
    }

    @Override
    public OptionalLong startTime(int pid) {
        return stat(pid).map(s -> OptionalLong.of(s.startTime())).orElse(OptionalLong.empty());
    }

    @Override
    public boolean isAlive(int pid) {
        return stat(pid).map(s -> !s.ended()).orElse(false);
    }

    private static Optional<FfmProcStat> stat(int pid) {
        try {
            return FfmFileIo.readIfExists("/proc/" + pid + "/stat").map(FfmProcStat::parse);
        } catch (SyscallException e) {
            // The process went away between open and read.
            if (e.errno() == Errno.ESRCH) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void kill(int pid, int signal) {
        FfmLibc.call("kill", "pid=" + pid + ", signal=" + signal,
                (arena, state) -> (int) kill.HANDLE.invokeExact(state, pid, signal));
    }

    @Override
    public int self() {
        return (int) FfmLibc.call("getpid", "", (arena, state) -> (int) getpid.HANDLE.invokeExact(state));
    }

    @Override
    public void exec(String path, List<String> argv, List<String> env) {
        FfmLibc.call("execve", path, (arena, state) -> (int) execve.HANDLE.invokeExact(state,
                FfmLibc.cString(arena, path), FfmLibc.cStringArray(arena, argv), FfmLibc.cStringArray(arena, env)));
        throw new IllegalStateException("execve returned without an error: " + path);
    }

    @Override
    public java.util.List<Integer> sharingNamespace(int pid, io.jrunc.ports.model.Namespace type) {
        return io.jrunc.ports.model.NamespaceMembers.of(pid, type);
    }
}
