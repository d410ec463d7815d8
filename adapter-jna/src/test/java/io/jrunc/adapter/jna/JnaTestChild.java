package io.jrunc.adapter.jna;

import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.SpawnRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A /bin/sh child of the test, spawned by {@link JnaProcesses}, with its stdout read through a pipe. */
final class JnaTestChild {
    static final JnaProcesses PROCESSES = new JnaProcesses();

    /** What a finished child printed, and how it ended. */
    static final class JnaResult {
        final String output;
        final ExitStatus status;
        final int pid;

        JnaResult(String output, ExitStatus status, int pid) {
            this.output = output;
            this.status = status;
            this.pid = pid;
        }
    }

    private JnaTestChild() {
    }

    static JnaResult run(String script) {
        return run(script, Set.of(), Map.of());
    }

    static JnaResult run(String script, Set<Namespace> create, Map<Namespace, String> join) {
        int[] pipe = new int[2];
        JnaCheck.call("pipe2", "", () -> JnaLibc.INSTANCE.pipe2(pipe, JnaLibc.O_CLOEXEC));
        int pid;
        try {
            // The write end keeps its number, and FD_CLOEXEC must have been cleared for the child to use it.
            // dash redirects only single-digit fds, so the pipe is reopened through /proc.
            pid = PROCESSES.spawn(shell("exec >/proc/self/fd/" + pipe[1] + "; " + script, create, join,
                    List.of(0, 2, pipe[1])));
        } finally {
            JnaFileIo.closeQuietly(pipe[1]);
        }
        String output;
        try {
            output = new String(JnaFileIo.readAll(pipe[0], "pipe"), StandardCharsets.UTF_8).trim();
        } finally {
            JnaFileIo.closeQuietly(pipe[0]);
        }
        return new JnaResult(output, PROCESSES.waitFor(pid), pid);
    }

    /** A child that runs until killed; stdio is /dev/null's, or none. */
    static int start(String script, Set<Namespace> create) {
        return PROCESSES.spawn(shell(script, create, Map.of(), List.of()));
    }

    static SpawnRequest shell(String script, Set<Namespace> create, Map<Namespace, String> join, List<Integer> fds) {
        return new SpawnRequest("/bin/sh", List.of("sh", "-c", script), List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin"),
                create, join, fds);
    }

    static void stop(int pid) {
        try {
            PROCESSES.kill(pid, 9);
        } catch (RuntimeException alreadyGone) {
            // reaped below either way
        }
        PROCESSES.waitFor(pid);
    }

    /** Polls until the child's /proc/[pid]/comm is {@code comm}, i.e. its script got as far as exec. */
    static void awaitComm(int pid, String comm) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (new JnaProcFs().read(pid, "comm").map(String::trim).orElse("").equals(comm)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("pid " + pid + " never became " + comm);
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.startsWith("Uid:") && line.split("\\s+")[2].equals("0"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
