package io.jrunc.adapter.jna;

import io.jrunc.ports.Processes;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.jrunc.adapter.jna.JnaLibc.INSTANCE;

final class JnaProcesses implements Processes {
    private final JnaNamespaces namespaces = new JnaNamespaces();

    @Override
    public int spawn(SpawnRequest request) {
        if (request.newNamespaces().isEmpty() && request.joinNamespaces().isEmpty()) {
            return JnaPosixSpawn.spawn(request);
        }
        // Namespaces belong to the thread that entered them; this one is never used again.
        return JnaFreshThread.call("jrunc-spawn", () -> {
            namespaces.enter(request.joinNamespaces(), request.newNamespaces());
            return JnaPosixSpawn.spawn(request);
        });
    }

    @Override
    public ExitStatus waitFor(int pid) {
        int[] status = new int[1];
        JnaCheck.call("waitpid", Integer.toString(pid), () -> INSTANCE.waitpid(pid, status, 0));
        return decode(status[0]);
    }

    private static final int WNOHANG = 1;
    private static final int MFD_CLOEXEC = 1;

    @Override
    public io.jrunc.ports.model.ProgramResult run(io.jrunc.ports.model.ProgramRun run) {
        JnaFileDescriptors fds = new JnaFileDescriptors();
        return io.jrunc.ports.model.ProgramRuns.run(run, new io.jrunc.ports.model.ProgramRuns.Native() {
            @Override public int memfd(String name) {
                return JnaCheck.call("memfd_create", name, () -> INSTANCE.memfd_create(name, MFD_CLOEXEC));
            }
            @Override public void write(int fd, byte[] data) { fds.write(fd, data); }
            @Override public void rewind(int fd) {
                JnaCheck.callLong("lseek", String.valueOf(fd), () -> INSTANCE.lseek(fd, 0, 0));
            }
            @Override public byte[] read(int fd, int max) { return fds.read(fd, max); }
            @Override public void close(int fd) { fds.close(fd); }
            @Override public int spawn(io.jrunc.ports.model.ProgramRun r, int in, int out, int err) {
                return JnaPosixSpawn.spawn(r, in, out, err);
            }
            @Override public java.util.Optional<ExitStatus> poll(int pid) {
                int[] status = new int[1];
                int reaped = JnaCheck.call("waitpid", Integer.toString(pid), () -> INSTANCE.waitpid(pid, status, WNOHANG));
                return reaped == 0 ? java.util.Optional.empty() : java.util.Optional.of(decode(status[0]));
            }
            @Override public ExitStatus await(int pid) { return waitFor(pid); }
            @Override public void kill(int pid, int signal) { JnaProcesses.this.kill(pid, signal); }
        });
    }

    /** WIFEXITED / WEXITSTATUS / WTERMSIG of glibc's wait.h. */
    static ExitStatus decode(int status) {
        int low = status & 0x7f;
        if (low == 0) {
            return ExitStatus.exited((status >> 8) & 0xff);
        }
        return ExitStatus.killed(low);
    }

    @Override
    public OptionalLong startTime(int pid) {
        return stat(pid).map(s -> OptionalLong.of(s.startTime())).orElse(OptionalLong.empty());
    }

    @Override
    public boolean isAlive(int pid) {
        return stat(pid).map(JnaProcStat::running).orElse(false);
    }

    private static Optional<JnaProcStat> stat(int pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return JnaFileIo.readIfExists("/proc/" + pid + "/stat")
                .flatMap(bytes -> JnaProcStat.parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    @Override
    public void kill(int pid, int signal) {
        JnaCheck.call("kill", Integer.toString(pid), () -> INSTANCE.kill(pid, signal));
    }

    @Override
    public int self() {
        return INSTANCE.getpid();
    }

    @Override
    public void exec(String path, List<String> argv, List<String> env) {
        JnaCheck.call("exec", path, () -> INSTANCE.execve(path, argv.toArray(new String[0]), env.toArray(new String[0])));
        throw new SyscallException("exec", Errno.UNKNOWN, path + " returned");
    }

    @Override
    public java.util.List<Integer> sharingNamespace(int pid, io.jrunc.ports.model.Namespace type) {
        return io.jrunc.ports.model.NamespaceMembers.of(pid, type);
    }
}
