package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.Signal;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Simulated processes: spawned alive, ended by a signal or by a test, waited for like the kernel does. */
final class FakeProcessTable {
    /** What the fake knows of one process. */
    static final class FakeProcess {
        final int pid;
        final long startTime;
        final Set<Namespace> namespaces;
        List<String> program;
        ExitStatus exit;

        FakeProcess(int pid, long startTime, Set<Namespace> namespaces, List<String> program) {
            this.pid = pid;
            this.startTime = startTime;
            this.namespaces = namespaces;
            this.program = program;
        }
    }

    static final int SELF = 100;
    private final Map<Integer, FakeProcess> processes = new HashMap<>();
    private int nextPid = 1000;

    synchronized int spawn(SpawnRequest request) {
        int pid = nextPid++;
        processes.put(pid, new FakeProcess(pid, 50_000L + pid, request.newNamespaces(), request.argv()));
        return pid;
    }

    synchronized Optional<FakeProcess> get(int pid) {
        return Optional.ofNullable(processes.get(pid));
    }

    /** A process born in a new namespace of that type is alone in it (with what it spawned, not modelled). */
    synchronized List<Integer> sharing(int pid, Namespace type) {
        FakeProcess p = processes.get(pid);
        if (p == null || p.exit != null) {
            return List.of();
        }
        if (p.namespaces.contains(type)) {
            return List.of(pid);
        }
        List<Integer> hostSide = new java.util.ArrayList<>(List.of(SELF));
        processes.values().stream().filter(q -> q.exit == null && !q.namespaces.contains(type))
                .forEach(q -> hostSide.add(q.pid));
        return hostSide;
    }

    synchronized boolean isAlive(int pid) {
        FakeProcess p = processes.get(pid);
        return p != null && p.exit == null;
    }

    synchronized OptionalLong startTime(int pid) {
        FakeProcess p = processes.get(pid);
        return p == null || p.exit != null ? OptionalLong.empty() : OptionalLong.of(p.startTime);
    }

    synchronized void kill(int pid, int signal) {
        FakeProcess p = processes.get(pid);
        if (p == null || p.exit != null) {
            throw new SyscallException("kill", Errno.ESRCH, Integer.toString(pid));
        }
        boolean harmless = signal == 0 || signal == Signal.SIGCHLD.number() || signal == Signal.SIGWINCH.number()
                || signal == Signal.SIGCONT.number() || signal == Signal.SIGURG.number();
        if (!harmless) {
            end(pid, ExitStatus.killed(signal));
        }
    }

    synchronized void end(int pid, ExitStatus status) {
        FakeProcess p = processes.get(pid);
        if (p != null && p.exit == null) {
            p.exit = status;
            notifyAll();
        }
    }

    /** Blocks until the process ends; ECHILD for a pid this kernel never spawned. */
    synchronized ExitStatus waitFor(int pid) {
        FakeProcess p = processes.get(pid);
        if (p == null) {
            throw new SyscallException("wait4", Errno.ECHILD, Integer.toString(pid));
        }
        while (p.exit == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyscallException("wait4", Errno.EINTR, Integer.toString(pid));
            }
        }
        return p.exit;
    }
}
