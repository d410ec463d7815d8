package io.jrunc.adapter.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** posix_spawn, waitpid, kill, execve and /proc/[pid]/stat. */
final class FfmProcesses implements Processes {
    private final FfmNamespaces namespaces = new FfmNamespaces();

    private static final class waitpid {
        static final FfmFunction FUNCTION = FfmFunction.of("waitpid", 3);
    }

    private static final class kill {
        static final FfmFunction FUNCTION = FfmFunction.of("kill", 2);
    }

    /** Through syscall(2): getpid's own prototype would be a call shape of its own (FfmFunction). */
    private static final long SYS_GETPID = FfmLibc.sysno(39, 172);

    private static final class execve {
        static final FfmFunction FUNCTION = FfmFunction.of("execve", 3);
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
        return waitpid(pid, 0).orElseThrow();
    }

    private static final int WNOHANG = 1;

    /** The wait status, or empty where WNOHANG found the child still running. */
    private static java.util.OptionalInt waitpid(int pid, int options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            long reaped = FfmLibc.call("waitpid", String.valueOf(pid),
                    (a, state) -> waitpid.FUNCTION.invoke(state, pid, status.address(), options));
            return reaped == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(status.get(JAVA_INT, 0));
        }
    }

    @Override
    public io.jrunc.ports.model.ProgramResult run(io.jrunc.ports.model.ProgramRun run) {
        return io.jrunc.ports.model.ProgramRuns.run(run, new io.jrunc.ports.model.ProgramRuns.Native() {
            @Override public int memfd(String name) { return FfmLibc.memfd(name); }
            @Override public void write(int fd, byte[] data) { FfmLibc.writeFully(fd, data, "fd " + fd); }
            @Override public void rewind(int fd) { FfmLibc.rewind(fd); }
            @Override public byte[] read(int fd, int max) { return FfmLibc.readOnce(fd, max, "fd " + fd); }
            @Override public void close(int fd) { FfmLibc.close(fd); }
            @Override public int spawn(io.jrunc.ports.model.ProgramRun r, int in, int out, int err) {
                return FfmPosixSpawn.spawn(r, in, out, err);
            }
            @Override public Optional<ExitStatus> poll(int pid) {
                java.util.OptionalInt status = FfmLibc.retryingOnEintr(() -> waitpid(pid, WNOHANG));
                return status.isPresent() ? Optional.of(decodeWaitStatus(status.getAsInt())) : Optional.empty();
            }
            @Override public ExitStatus await(int pid) { return waitFor(pid); }
            @Override public void kill(int pid, int signal) { FfmProcesses.this.kill(pid, signal); }
        });
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
                (arena, state) -> kill.FUNCTION.invoke(state, pid, signal));
    }

    @Override
    public int self() {
        return (int) FfmLibc.syscall("getpid", "", SYS_GETPID);
    }

    @Override
    public void exec(String path, List<String> argv, List<String> env) {
        FfmLibc.call("execve", path, (arena, state) -> execve.FUNCTION.invoke(state,
                FfmLibc.cStringAddress(arena, path), FfmLibc.cStringArray(arena, argv).address(),
                FfmLibc.cStringArray(arena, env).address()));
        throw new IllegalStateException("execve returned without an error: " + path);
    }

    @Override
    public java.util.List<Integer> sharingNamespace(int pid, io.jrunc.ports.model.Namespace type) {
        return io.jrunc.ports.model.NamespaceMembers.of(pid, type);
    }
}
