package io.jrunc.ports.model;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@link io.jrunc.ports.Processes#run} written once for both native backends, over the few system calls each
 * supplies. The program's three stdio fds are memfds, not pipes: the runtime has nothing to pump while it
 * waits (the thread that spawns a createContainer hook has unshared its pid namespace and cannot start one),
 * a hook that writes much never blocks on a full pipe, and one that leaves a daemon holding its stdout is
 * not waited for. The program reads the state from the start of fd 0 to its end as it would from a pipe.
 */
public final class ProgramRuns {
    /** What is kept of each output: runc keeps all, but an error line of megabytes helps nobody. */
    public static final int MAX_OUTPUT = 64 * 1024;
    private static final long POLL_NANOS = 5_000_000L;

    /** The system calls it takes; each throws {@link SyscallException} on failure. */
    public interface Native {
        /** memfd_create(name, MFD_CLOEXEC). */
        int memfd(String name);

        void write(int fd, byte[] data);

        /** lseek(fd, 0, SEEK_SET). */
        void rewind(int fd);

        /** One read(2) of at most {@code max} bytes; empty at end of file. */
        byte[] read(int fd, int max);

        void close(int fd);

        /**
         * posix_spawn of the run's program with {@code stdin}, {@code stdout}, {@code stderr} of ours as its 0, 1
         * and 2 and every other fd closed, from its cwd, with default signal handling and an empty mask.
         */
        int spawn(ProgramRun run, int stdin, int stdout, int stderr);

        /** waitpid(pid, WNOHANG): empty while it runs. */
        Optional<ExitStatus> poll(int pid);

        /** waitpid(pid, 0). */
        ExitStatus await(int pid);

        void kill(int pid, int signal);
    }

    private ProgramRuns() {
    }

    public static ProgramResult run(ProgramRun run, Native sys) {
        int in = -1;
        int out = -1;
        int err = -1;
        try {
            in = sys.memfd("hook-stdin");
            sys.write(in, run.stdin());
            sys.rewind(in);
            out = sys.memfd("hook-stdout");
            err = sys.memfd("hook-stderr");
            int pid = sys.spawn(run, in, out, err);
            ExitStatus status;
            boolean timedOut = false;
            if (run.timeout().isEmpty()) {
                status = sys.await(pid);
            } else {
                long deadline = System.nanoTime() + run.timeout().get().toNanos();
                Optional<ExitStatus> ended = sys.poll(pid);
                while (ended.isEmpty() && System.nanoTime() - deadline < 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
                    ended = sys.poll(pid);
                }
                if (ended.isPresent()) {
                    status = ended.get();
                } else {
                    sys.kill(pid, Signal.SIGKILL.number());
                    status = sys.await(pid);
                    timedOut = true;
                }
            }
            return new ProgramResult(status, timedOut, contents(sys, out), contents(sys, err));
        } finally {
            for (int fd : new int[] {in, out, err}) {
                if (fd >= 0) {
                    try {
                        sys.close(fd);
                    } catch (SyscallException e) {
                        // Our own memfd: nothing to do about a failed close.
                    }
                }
            }
        }
    }

    private static String contents(Native sys, int fd) {
        sys.rewind(fd);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (bytes.size() < MAX_OUTPUT) {
            byte[] chunk = sys.read(fd, MAX_OUTPUT - bytes.size());
            if (chunk.length == 0) {
                break;
            }
            bytes.write(chunk, 0, chunk.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
