package io.jrunc.domain.init;

import io.jrunc.domain.runtime.ProcessSpec;
import io.jrunc.domain.runtime.Rlimit;
import io.jrunc.domain.runtime.RootfsSpec;
import io.jrunc.ports.model.RouteRequest;
import java.util.List;
import java.util.Map;

/**
 * One step of a container's init plan. The set is closed; {@link Handler} has one method per step, so a
 * new step does not compile until every executor handles it (Java 17 has no pattern switch).
 */
public sealed interface InitStep {
    Phase phase();

    void accept(Handler handler);

    /** Carries out steps; one method per kind. */
    interface Handler {
        void joinSessionKeyring(JoinSessionKeyring step);

        void configureNetwork(ConfigureNetwork step);

        void addRoutes(AddRoutes step);

        void applyRlimits(ApplyRlimits step);

        void adjustOomScore(AdjustOomScore step);

        void prepareRootfs(PrepareRootfs step);

        void runHooks(RunHooks step);

        void switchRoot(SwitchRoot step);

        void setupConsole(SetupConsole step);

        void finalizeRootfs(FinalizeRootfs step);

        void setHostname(SetHostname step);

        void setDomainname(SetDomainname step);

        void applyAppArmorProfile(ApplyAppArmorProfile step);

        void setProcessLabel(SetProcessLabel step);

        void applySysctl(ApplySysctl step);

        void remountReadonly(RemountReadonly step);

        void maskPaths(MaskPaths step);

        void setNoNewPrivileges(SetNoNewPrivileges step);

        void loadSeccomp(LoadSeccomp step);

        void switchUser(SwitchUser step);

        void findProgram(FindProgram step);

        void awaitStart(AwaitStart step);

        void execProcess(ExecProcess step);

        void setInitialCpuAffinity(SetInitialCpuAffinity step);

        void setMemoryPolicy(SetMemoryPolicy step);

        void setScheduler(SetScheduler step);

        void setIoPriority(SetIoPriority step);

        void setPersonality(SetPersonality step);

        void setFinalCpuAffinity(SetFinalCpuAffinity step);

        void moveNetDevices(MoveNetDevices step);
    }

    /**
     * A new session keyring, named after the container ("_ses.ID"), made searchable by its user: the
     * container then shares no keyring with whoever started the runtime (runc, unless --no-new-keyring).
     */
    record JoinSessionKeyring(String name) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.joinSessionKeyring(this); }
    }

    /** Brings up links of the new network namespace ("lo"). */
    record ConfigureNetwork(List<String> interfaces) implements InitStep {
        public ConfigureNetwork {
            interfaces = List.copyOf(interfaces);
        }

        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.configureNetwork(this); }
    }

    record AddRoutes(List<RouteRequest> routes) implements InitStep {
        public AddRoutes {
            routes = List.copyOf(routes);
        }

        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.addRoutes(this); }
    }

    record ApplyRlimits(List<Rlimit> limits) implements InitStep {
        public ApplyRlimits {
            limits = List.copyOf(limits);
        }

        @Override public Phase phase() { return Phase.RUNTIME; }
        @Override public void accept(Handler h) { h.applyRlimits(this); }
    }

    record AdjustOomScore(int score) implements InitStep {
        @Override public Phase phase() { return Phase.RUNTIME; }
        @Override public void accept(Handler h) { h.adjustOomScore(this); }
    }

    /** Mounts, devices and links beneath the rootfs, still seen from the host's root ({@link SwitchRoot} follows). */
    record PrepareRootfs(RootfsSpec rootfs) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.prepareRootfs(this); }
    }

    /**
     * The config's hooks of one point that the create runs (prestart, createRuntime, createContainer,
     * startContainer): prestart and createRuntime by the runtime in its own namespaces while the init waits,
     * createContainer in the container's namespaces before the switch of root, startContainer by the init once
     * start released it. A failing hook fails the create (startContainer: the init exits instead of exec'ing).
     */
    record RunHooks(HookPoint point, List<io.jrunc.domain.config.Hook> hooks) implements InitStep {
        public RunHooks {
            hooks = List.copyOf(hooks);
        }

        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.runHooks(this); }
    }

    /** pivot_root into the prepared rootfs (or MS_MOVE and chroot, or a chroot alone); FinalizeRootfs remounts it read-only. */
    record SwitchRoot(RootfsSpec rootfs) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.switchRoot(this); }
    }

    /**
     * The container's terminal (process.terminal), made by the init from the container's own devpts once the root
     * is switched: sized, bound on /dev/console, the user's stdio and controlling terminal; its master goes over
     * the console socket the init holds as {@code socketFd} (runc's setupConsole).
     *
     * @param uid         the user the process runs as, who owns its terminal (runc's fixStdioPermissions)
     * @param bindConsole whether the pty is bound on /dev/console: a container's init only; an exec's terminal is
     *                    its own (runc's setns init calls setupConsole with mount false)
     */
    record SetupConsole(int socketFd, java.util.Optional<io.jrunc.ports.model.WindowSize> size, int uid,
                        boolean bindConsole) implements InitStep {
        /** A container's init's terminal, bound on /dev/console. */
        public SetupConsole(int socketFd, java.util.Optional<io.jrunc.ports.model.WindowSize> size, int uid) {
            this(socketFd, size, uid, true);
        }

        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setupConsole(this); }
    }

    /** runc's finalizeRootfs: the root remounted read-only (root.readonly), once nothing is left to make in it. */
    record FinalizeRootfs() implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.finalizeRootfs(this); }
    }

    record SetHostname(String hostname) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setHostname(this); }
    }

    record SetDomainname(String domainname) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setDomainname(this); }
    }

    record ApplyAppArmorProfile(String profile) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.applyAppArmorProfile(this); }
    }

    record SetProcessLabel(String label) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setProcessLabel(this); }
    }

    record ApplySysctl(Map<String, String> values) implements InitStep {
        public ApplySysctl {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }

        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.applySysctl(this); }
    }

    record RemountReadonly(List<String> paths) implements InitStep {
        public RemountReadonly {
            paths = List.copyOf(paths);
        }

        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.remountReadonly(this); }
    }

    record MaskPaths(List<String> paths) implements InitStep {
        public MaskPaths {
            paths = List.copyOf(paths);
        }

        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.maskPaths(this); }
    }

    record SetNoNewPrivileges() implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setNoNewPrivileges(this); }
    }

    /**
     * The container's seccomp filter, as runc places it: with noNewPrivileges as close to execve as can be (the
     * init installs it after the wait for start, so nothing of the runtime's own steps is filtered); without, a
     * privileged operation, before the user switch drops CAP_SYS_ADMIN. {@code program} is the BPF the runtime
     * compiled (hex), filled in before the init runs: libseccomp is never loaded after the switch of root.
     */
    record LoadSeccomp(io.jrunc.ports.model.SeccompFilter filter, boolean atExec, String program) implements InitStep {
        public LoadSeccomp withProgram(String hex) {
            return new LoadSeccomp(filter, atExec, hex);
        }

        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.loadSeccomp(this); }
    }

    /** Groups, gid, uid, umask and working directory of the user process. */
    record SwitchUser(ProcessSpec process) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.switchUser(this); }
    }

    /** Looks args[0] up on the container's PATH, as the user will run it: a missing program fails create. */
    record FindProgram(ProcessSpec process) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.findProgram(this); }
    }

    /**
     * Waits on the exec fifo until {@code start} reads it. The fifo lives in the runtime's state directory,
     * out of the container's reach, so the init holds it by an fd it was handed at spawn.
     */
    record AwaitStart(int execFifoFd) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.awaitStart(this); }
    }

    record ExecProcess(ProcessSpec process) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.execProcess(this); }
    }

    /**
     * execCPUAffinity.initial: the init's CPUs from the moment it is in its cgroup, before it runs any step of the
     * container's (the cgroup join may have reset its affinity to the cgroup's cpuset).
     */
    record SetInitialCpuAffinity(java.util.Set<Integer> cpus) implements InitStep {
        public SetInitialCpuAffinity {
            cpus = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(cpus));
        }

        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setInitialCpuAffinity(this); }
    }

    /** linux.memoryPolicy: set_mempolicy(2), the NUMA policy the user's program inherits. */
    record SetMemoryPolicy(io.jrunc.domain.runtime.PlatformSpec.MemoryPolicySpec policy) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setMemoryPolicy(this); }
    }

    /** process.scheduler: sched_setattr(2), while the init may still raise its priority (before the user switch). */
    record SetScheduler(io.jrunc.ports.model.SchedAttr attr) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setScheduler(this); }
    }

    /** process.ioPriority: ioprio_set(2) of the class (bits 13 and up) and level. */
    record SetIoPriority(int ioprio) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setIoPriority(this); }
    }

    /** linux.personality: personality(2), kept through execve. */
    record SetPersonality(long persona) implements InitStep {
        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setPersonality(this); }
    }

    /** execCPUAffinity.final: the CPUs the user's program starts on, set last before the wait for start. */
    record SetFinalCpuAffinity(java.util.Set<Integer> cpus) implements InitStep {
        public SetFinalCpuAffinity {
            cpus = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(cpus));
        }

        @Override public Phase phase() { return Phase.CONTAINER_INIT; }
        @Override public void accept(Handler h) { h.setFinalCpuAffinity(this); }
    }

    /**
     * linux.netDevices: each host link (by its host name) moved into the init's network namespace under its name
     * there, from the runtime, as runc's parent moves them once its init exists; ConfigureNetwork brings them up.
     */
    record MoveNetDevices(Map<String, String> devices) implements InitStep {
        public MoveNetDevices {
            devices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(devices));
        }

        @Override public Phase phase() { return Phase.RUNTIME; }
        @Override public void accept(Handler h) { h.moveNetDevices(this); }
    }
}
