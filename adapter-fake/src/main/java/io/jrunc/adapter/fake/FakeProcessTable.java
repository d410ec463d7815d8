package io.jrunc.adapter.fake;

import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.ExitStatus;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.Signal;
import io.jrunc.ports.model.SpawnRequest;
import io.jrunc.ports.model.SyscallException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Simulated processes: spawned alive, ended by a signal or by a test, waited for as the kernel does. */
final class FakeProcessTable {
    /** The runtime itself: the caller of every port, unless a thread acts as another process. */
    static final int SELF = 100;
    static final int FIRST_PID = 1000;

    /**
     * Signals whose default action does not end a process (SIGCHLD, SIGWINCH, SIGURG are ignored, SIGCONT
     * and the stop signals pause or resume it): the fake leaves it alive.
     */
    private static final Set<Integer> DOES_NOT_END = Set.of(0, Signal.SIGCHLD.number(), Signal.SIGWINCH.number(),
            Signal.SIGURG.number(), Signal.SIGCONT.number(), Signal.SIGSTOP.number(), Signal.SIGTSTP.number(),
            Signal.SIGTTIN.number(), Signal.SIGTTOU.number());

    private static final class FakeProcess {
        final long startTime;
        final Set<Namespace> namespaces;
        final Set<Integer> ignored = new HashSet<>();
        List<String> program;
        ExitStatus exit;
        /** Waited for: gone from the kernel's tables, its pid no longer names anything. */
        boolean reaped;
        /** In a frozen v1 freezer cgroup: a fatal signal stays pending (below) until the thaw. */
        boolean frozen;
        ExitStatus pending;

        FakeProcess(long startTime, Set<Namespace> namespaces, List<String> program) {
            this.startTime = startTime;
            this.namespaces = namespaces;
            this.program = program;
        }
    }

    private final Map<Integer, FakeProcess> processes = new HashMap<>();
    private final ThreadLocal<Integer> acting = ThreadLocal.withInitial(() -> SELF);
    private int nextPid = FIRST_PID;

    FakeProcessTable() {
        processes.put(SELF, new FakeProcess(startTimeOf(SELF), Set.of(), List.of("jrunc")));
    }

    /** A fixed start time per pid, so a test can compute it; a reused pid would get another in a real kernel. */
    private static long startTimeOf(int pid) {
        return 50_000L + pid;
    }

    synchronized int spawn(SpawnRequest request) {
        int pid = nextPid++;
        processes.put(pid, new FakeProcess(startTimeOf(pid), request.newNamespaces(), request.argv()));
        return pid;
    }

    /** Whether the pid names a process, alive or a zombie not yet waited for. */
    synchronized boolean exists(int pid) {
        FakeProcess p = processes.get(pid);
        return p != null && !p.reaped;
    }

    synchronized boolean isAlive(int pid) {
        FakeProcess p = processes.get(pid);
        return p != null && p.exit == null;
    }

    /** Empty once the process has ended: the fake reaps at once, so an ended process no longer exists. */
    synchronized OptionalLong startTime(int pid) {
        return isAlive(pid) ? OptionalLong.of(processes.get(pid).startTime) : OptionalLong.empty();
    }

    synchronized Optional<List<String>> program(int pid) {
        return Optional.ofNullable(processes.get(pid)).map(p -> p.program);
    }

    synchronized Optional<Set<Namespace>> namespaces(int pid) {
        return Optional.ofNullable(processes.get(pid)).map(p -> p.namespaces);
    }

    synchronized void ignore(int pid, int signal) {
        existing(pid, "kill").ignored.add(signal);
    }

    /** A zombie still takes signals (they change nothing); a reaped pid is ESRCH. */
    synchronized void kill(int pid, int signal) {
        FakeProcess p = existing(pid, "kill");
        if (signal < 0 || signal > Signal.SIGRTMAX) {
            throw new SyscallException("kill", Errno.EINVAL, Integer.toString(signal));
        }
        if (p.exit != null) {
            return;
        }
        // SIGKILL cannot be caught or ignored, whatever the process asked for.
        boolean ignored = signal != Signal.SIGKILL.number() && p.ignored.contains(signal);
        if (!ignored && !DOES_NOT_END.contains(signal)) {
            if (p.frozen) {
                if (p.pending == null) {
                    p.pending = ExitStatus.killed(signal);
                }
                return;
            }
            end(pid, ExitStatus.killed(signal));
        }
    }

    /**
     * As the cgroup v1 freezer: a frozen task does not run, so even SIGKILL only ends it once thawed (v2's
     * cgroup.freeze lets a fatal signal through, so only freezer.state comes here).
     */
    synchronized void setFrozen(int pid, boolean frozen) {
        FakeProcess p = processes.get(pid);
        if (p == null || p.exit != null) {
            return;
        }
        p.frozen = frozen;
        if (!frozen && p.pending != null) {
            end(pid, p.pending);
        }
    }

    synchronized void end(int pid, ExitStatus status) {
        FakeProcess p = processes.get(pid);
        if (p != null && p.exit == null) {
            p.exit = status;
            notifyAll();
        }
    }

    /** Blocks until the process ends, then reaps it; ECHILD for a pid never spawned or already reaped. */
    synchronized ExitStatus waitFor(int pid) {
        FakeProcess p = existing(pid, "wait4");
        while (p.exit == null && !p.reaped) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyscallException("wait4", Errno.EINTR, Integer.toString(pid));
            }
        }
        if (p.reaped) { // another waiter got it first
            throw new SyscallException("wait4", Errno.ECHILD, Integer.toString(pid));
        }
        p.reaped = true;
        return p.exit;
    }

    /** A process born in a new namespace of that type is alone in it; the rest share the host's. */
    synchronized List<Integer> sharing(int pid, Namespace type) {
        if (!isAlive(pid)) {
            return List.of();
        }
        if (processes.get(pid).namespaces.contains(type)) {
            return List.of(pid);
        }
        List<Integer> hostSide = new ArrayList<>();
        processes.forEach((other, p) -> {
            if (p.exit == null && !p.namespaces.contains(type)) {
                hostSide.add(other);
            }
        });
        hostSide.sort(null);
        return hostSide;
    }

    /** execve replaces the program of whichever process the calling thread is. */
    synchronized void exec(List<String> argv) {
        existing(current(), "execve").program = List.copyOf(argv);
    }

    int current() {
        return acting.get();
    }

    void actAs(int pid) {
        acting.set(pid);
    }

    void actAsSelf() {
        acting.remove();
    }

    private FakeProcess existing(int pid, String syscall) {
        FakeProcess p = processes.get(pid);
        if (p == null || p.reaped) {
            throw new SyscallException(syscall, syscall.equals("wait4") ? Errno.ECHILD : Errno.ESRCH,
                    Integer.toString(pid));
        }
        return p;
    }
}
