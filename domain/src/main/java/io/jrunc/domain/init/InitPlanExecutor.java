package io.jrunc.domain.init;

import io.jrunc.domain.runtime.CapabilitySets;
import io.jrunc.domain.runtime.ProcessSpec;
import io.jrunc.domain.runtime.Rlimit;
import io.jrunc.ports.Cgroups;
import io.jrunc.ports.Credentials;
import io.jrunc.ports.FileDescriptors;
import io.jrunc.ports.Filesystem;
import io.jrunc.ports.Mounts;
import io.jrunc.ports.Network;
import io.jrunc.ports.ProcFs;
import io.jrunc.ports.Processes;
import io.jrunc.ports.Syscalls;
import io.jrunc.ports.Terminals;
import io.jrunc.ports.model.Errno;
import io.jrunc.ports.model.MountFlag;
import io.jrunc.ports.model.MountRequest;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SyscallException;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Carries out one phase of an init plan through the ports, step by step, and stops at the first step the
 * kernel refuses. Only kernel refusals become values; a bug still throws.
 */
public final class InitPlanExecutor {
    private final Mounts mounts;
    private final Filesystem fs;
    private final Syscalls sys;
    private final ProcFs proc;
    private final Network network;
    private final Credentials credentials;
    private final Processes processes;
    private final Cgroups cgroups;
    private final FileDescriptors fds;
    private final io.jrunc.ports.Seccomp seccomp;
    private final io.jrunc.ports.ProcessAttributes attributes;
    private final Terminals terminals;

    /** An executor for plans without a terminal: a {@link InitStep.SetupConsole} in-process is refused (ENOTTY). */
    public InitPlanExecutor(Mounts mounts, Filesystem fs, Syscalls sys, ProcFs proc, Network network,
                            Credentials credentials, Processes processes, Cgroups cgroups, FileDescriptors fds,
                            io.jrunc.ports.Seccomp seccomp) {
        this(mounts, fs, sys, proc, network, credentials, processes, cgroups, fds, seccomp, null, null);
    }

    public InitPlanExecutor(Mounts mounts, Filesystem fs, Syscalls sys, ProcFs proc, Network network,
                            Credentials credentials, Processes processes, Cgroups cgroups, FileDescriptors fds,
                            io.jrunc.ports.Seccomp seccomp, io.jrunc.ports.ProcessAttributes attributes) {
        this(mounts, fs, sys, proc, network, credentials, processes, cgroups, fds, seccomp, attributes, null);
    }

    public InitPlanExecutor(Mounts mounts, Filesystem fs, Syscalls sys, ProcFs proc, Network network,
                            Credentials credentials, Processes processes, Cgroups cgroups, FileDescriptors fds,
                            io.jrunc.ports.Seccomp seccomp, Terminals terminals) {
        this(mounts, fs, sys, proc, network, credentials, processes, cgroups, fds, seccomp, null, terminals);
    }

    public InitPlanExecutor(Mounts mounts, Filesystem fs, Syscalls sys, ProcFs proc, Network network,
                            Credentials credentials, Processes processes, Cgroups cgroups, FileDescriptors fds,
                            io.jrunc.ports.Seccomp seccomp, io.jrunc.ports.ProcessAttributes attributes,
                            Terminals terminals) {
        this.attributes = attributes;
        this.terminals = terminals;
        this.seccomp = seccomp;
        this.mounts = mounts;
        this.fs = fs;
        this.sys = sys;
        this.proc = proc;
        this.network = network;
        this.credentials = credentials;
        this.processes = processes;
        this.cgroups = cgroups;
        this.fds = fds;
    }

    /** Runtime phase: acts on the init, by its pid, from outside. */
    public Either<InitFailure, List<InitStep>> runtimePhase(InitPlan plan, int initPid) {
        return run(plan.steps(Phase.RUNTIME), new RuntimeSteps(initPid), step -> { });
    }

    /**
     * Container phase: runs in the container's namespaces, up to and including the exec of the user
     * process; what only the init itself can do goes to {@code init}. {@code beforeEach} hears of each step
     * before it runs.
     */
    public Either<InitFailure, List<InitStep>> containerPhase(InitPlan plan, InitProcess init,
                                                              Consumer<InitStep> beforeEach) {
        return containerPhase(plan, init, beforeEach, PlanHooks.NONE);
    }

    /** {@link #containerPhase(InitPlan, InitProcess, Consumer)} of a plan with hook steps, run as {@code hooks} says. */
    public Either<InitFailure, List<InitStep>> containerPhase(InitPlan plan, InitProcess init,
                                                              Consumer<InitStep> beforeEach, PlanHooks hooks) {
        List<String> processEnv = plan.steps().stream().filter(InitStep.ExecProcess.class::isInstance)
                .map(s -> ((InitStep.ExecProcess) s).process().env()).findFirst().orElse(List.of());
        return run(plan.steps(Phase.CONTAINER_INIT), new ContainerSteps(init, hooks, processEnv), beforeEach);
    }

    /**
     * The calling thread stands in for the container's init, process {@code pid} (the fake kernel's in-process
     * init): its steps go straight to the ports, and its /proc files are read by that pid.
     */
    public InitProcess inProcess(int pid) {
        return new LocalInitProcess(mounts, fs, sys, proc, credentials, processes, fds, seccomp, attributes, terminals,
                pid);
    }

    /**
     * linux.timeOffsets: the clock offsets of the time namespace the calling thread made for its children
     * (unshare(CLONE_NEWTIME) changes only theirs), written before the first process enters it, the init it is
     * about to spawn; after that the kernel keeps them as they are. runc's parent does the same for its nsexec child.
     */
    public void setTimeOffsets(String offsets) {
        proc.write(0, "timens_offsets", offsets);
    }

    /**
     * The plan with its seccomp filters compiled to BPF, here in the runtime before the init runs: libseccomp is
     * loaded now, by the host's paths, never later by a thread whose root is the container's.
     */
    public InitPlan compiled(InitPlan plan) {
        return plan.withSeccompPrograms(seccomp::compile);
    }

    private static Either<InitFailure, List<InitStep>> run(List<InitStep> steps, InitStep.Handler handler,
                                                           Consumer<InitStep> beforeEach) {
        List<InitStep> done = new ArrayList<>();
        for (InitStep step : steps) {
            beforeEach.accept(step);
            try {
                step.accept(handler);
            } catch (SyscallException e) {
                return Either.left(new InitFailure(step, e, done));
            }
            done.add(step);
        }
        return Either.right(List.copyOf(done));
    }

    /** Steps of the other phase reaching a handler are a planner bug, never a kernel refusal. */
    private static IllegalStateException wrongPhase(InitStep step) {
        return new IllegalStateException(StepNames.of(step) + " does not belong to this phase");
    }

    private final class RuntimeSteps implements InitStep.Handler {
        private final int pid;

        RuntimeSteps(int pid) {
            this.pid = pid;
        }

        @Override public void applyRlimits(InitStep.ApplyRlimits step) {
            for (Rlimit l : step.limits()) {
                sys.prlimit(pid, l.resource(), l.soft(), l.hard());
            }
        }

        @Override public void adjustOomScore(InitStep.AdjustOomScore step) {
            proc.write(pid, "oom_score_adj", Integer.toString(step.score()));
        }

        @Override public void joinSessionKeyring(InitStep.JoinSessionKeyring s) { throw wrongPhase(s); }
        @Override public void runHooks(InitStep.RunHooks s) { throw wrongPhase(s); }
        @Override public void switchRoot(InitStep.SwitchRoot s) { throw wrongPhase(s); }
        @Override public void configureNetwork(InitStep.ConfigureNetwork s) { throw wrongPhase(s); }
        @Override public void addRoutes(InitStep.AddRoutes s) { throw wrongPhase(s); }
        @Override public void prepareRootfs(InitStep.PrepareRootfs s) { throw wrongPhase(s); }
        @Override public void setupConsole(InitStep.SetupConsole s) { throw wrongPhase(s); }
        @Override public void finalizeRootfs(InitStep.FinalizeRootfs s) { throw wrongPhase(s); }
        @Override public void setHostname(InitStep.SetHostname s) { throw wrongPhase(s); }
        @Override public void setDomainname(InitStep.SetDomainname s) { throw wrongPhase(s); }
        @Override public void applyAppArmorProfile(InitStep.ApplyAppArmorProfile s) { throw wrongPhase(s); }
        @Override public void setProcessLabel(InitStep.SetProcessLabel s) { throw wrongPhase(s); }
        @Override public void applySysctl(InitStep.ApplySysctl s) { throw wrongPhase(s); }
        @Override public void remountReadonly(InitStep.RemountReadonly s) { throw wrongPhase(s); }
        @Override public void maskPaths(InitStep.MaskPaths s) { throw wrongPhase(s); }
        @Override public void setNoNewPrivileges(InitStep.SetNoNewPrivileges s) { throw wrongPhase(s); }
        @Override public void loadSeccomp(InitStep.LoadSeccomp s) { throw wrongPhase(s); }
        @Override public void switchUser(InitStep.SwitchUser s) { throw wrongPhase(s); }
        @Override public void findProgram(InitStep.FindProgram s) { throw wrongPhase(s); }
        @Override public void awaitStart(InitStep.AwaitStart s) { throw wrongPhase(s); }
        @Override public void execProcess(InitStep.ExecProcess s) { throw wrongPhase(s); }
        @Override public void setInitialCpuAffinity(InitStep.SetInitialCpuAffinity s) { throw wrongPhase(s); }
        @Override public void setMemoryPolicy(InitStep.SetMemoryPolicy s) { throw wrongPhase(s); }
        @Override public void setScheduler(InitStep.SetScheduler s) { throw wrongPhase(s); }
        @Override public void setIoPriority(InitStep.SetIoPriority s) { throw wrongPhase(s); }
        @Override public void setPersonality(InitStep.SetPersonality s) { throw wrongPhase(s); }
        @Override public void setFinalCpuAffinity(InitStep.SetFinalCpuAffinity s) { throw wrongPhase(s); }

        /** From the runtime's own network namespace (the host's) into the init's. */
        @Override public void moveNetDevices(InitStep.MoveNetDevices step) {
            step.devices().forEach((host, name) -> network.moveLink(host, pid, name));
        }
    }

    /** CAP_SETGID (6) and CAP_SETUID (7): what a switch of groups and user takes. */
    private static final Set<Integer> SWITCH_CAPS = Set.of(6, 7);
    private static final int DEFAULT_UMASK = 0022;

    private final class ContainerSteps implements InitStep.Handler {
        private final InitProcess init;
        /** What FindProgram found, for ExecProcess. */
        private String program;
        /** The environment SwitchUser completed with HOME, for ExecProcess. */
        private List<String> environment;

        private final PlanHooks hooks;
        /** The rootfs PrepareRootfs made, the cwd of createContainer hooks (runc's). */
        private String rootfs;
        /** The process's environment, which hooks in the container get when theirs names none. */
        private final List<String> processEnv;

        ContainerSteps(InitProcess init, PlanHooks hooks, List<String> processEnv) {
            this.init = init;
            this.hooks = hooks;
            this.processEnv = processEnv;
        }

        @Override public void joinSessionKeyring(InitStep.JoinSessionKeyring step) {
            init.joinSessionKeyring(step.name());
        }

        @Override public void configureNetwork(InitStep.ConfigureNetwork step) {
            step.interfaces().forEach(network::linkUp);
        }

        @Override public void addRoutes(InitStep.AddRoutes step) {
            for (RouteRequest r : step.routes()) {
                network.addRoute(r);
            }
        }

        @Override public void prepareRootfs(InitStep.PrepareRootfs step) {
            rootfs = step.rootfs().path();
            new RootfsBuilder(mounts, fs, cgroups, init).build(step.rootfs());
        }

        @Override public void switchRoot(InitStep.SwitchRoot step) {
            new RootfsBuilder(mounts, fs, cgroups, init).switchTo(step.rootfs());
        }

        @Override public void runHooks(InitStep.RunHooks step) {
            HookRunner runner = new HookRunner(processes);
            HookContext context = hooks.context();
            switch (step.point()) {
                case PRESTART:
                case CREATE_RUNTIME: {
                    // By the runtime, from its own namespaces, as runc's parent at procHooks; cwd the bundle,
                    // where runc create runs.
                    byte[] state = context.state(step.point(), hooks.hostPid());
                    hooks.runtimeSide().call(() -> {
                        runner.runOrThrow(step.hooks(), state, java.util.Optional.of(context.bundle()),
                                context.runtimeEnv());
                        return null;
                    });
                    break;
                }
                case CREATE_CONTAINER:
                    // From this thread: born in the container's namespaces, the path still the host's (no switch
                    // of root yet); from the rootfs, with the process's environment, as runc's init runs them.
                    runner.runOrThrow(step.hooks(), context.state(step.point(), hooks.containerPid()),
                            java.util.Optional.ofNullable(rootfs), processEnv);
                    break;
                case START_CONTAINER:
                    init.runStartHooks(step.hooks(), context.state(step.point(), hooks.containerPid()),
                            environment != null ? environment : processEnv);
                    break;
                default:
                    throw new IllegalStateException(step.point().specName() + " hooks are no step of the init");
            }
        }

        @Override public void setupConsole(InitStep.SetupConsole step) {
            init.setupConsole(step.socketFd(), step.size(), step.uid(), step.bindConsole());
        }

        @Override public void finalizeRootfs(InitStep.FinalizeRootfs step) {
            RootfsBuilder.remountRootReadonly(mounts);
        }

        @Override public void setHostname(InitStep.SetHostname step) {
            sys.sethostname(step.hostname());
        }

        @Override public void setDomainname(InitStep.SetDomainname step) {
            sys.setdomainname(step.domainname());
        }

        @Override public void applyAppArmorProfile(InitStep.ApplyAppArmorProfile step) {
            // As runc's apparmor_linux.go; the adapter falls back to attr/exec on kernels without the subdir.
            init.writeOwnAttr("attr/apparmor/exec", "exec " + step.profile());
        }

        @Override public void setProcessLabel(InitStep.SetProcessLabel step) {
            init.writeOwnAttr("attr/exec", step.label());
        }

        @Override public void applySysctl(InitStep.ApplySysctl step) {
            for (Map.Entry<String, String> e : step.values().entrySet()) {
                proc.writeSysctl(e.getKey(), e.getValue());
            }
        }

        @Override public void remountReadonly(InitStep.RemountReadonly step) {
            for (String path : step.paths()) {
                if (!fs.exists(path) || !mountUnlessMissing(MountRequest.of(path, path, "",
                        EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REC), ""))) {
                    continue; // runc skips what the image lacks
                }
                mounts.mount(MountRequest.of(path, path, "",
                        EnumSet.of(MountFlag.MS_BIND, MountFlag.MS_REMOUNT, MountFlag.MS_RDONLY,
                                MountFlag.MS_NOSUID, MountFlag.MS_NODEV, MountFlag.MS_NOEXEC), ""));
            }
        }

        @Override public void maskPaths(InitStep.MaskPaths step) {
            // After the switch of root: the thread's root is the container's. Through fds, the container's /dev/null
            // checked to be the null device (CVE-2025-31133); what the image lacks is skipped, as runc skips it.
            for (String path : step.paths()) {
                mounts.mask("/", path);
            }
        }

        /**
         * The mount, or false where the kernel finds nothing at its target: the look above sees a link itself,
         * which may lead nowhere in the image; runc skips such a dangling link as it skips a missing path, on
         * the mount's own ENOENT.
         */
        private boolean mountUnlessMissing(MountRequest request) {
            try {
                mounts.mount(request);
                return true;
            } catch (SyscallException e) {
                if (e.errno() == Errno.ENOENT) {
                    return false;
                }
                throw e;
            }
        }

        @Override public void setNoNewPrivileges(InitStep.SetNoNewPrivileges step) {
            init.credentials().setNoNewPrivileges();
        }

        @Override public void loadSeccomp(InitStep.LoadSeccomp step) {
            if (step.program().isEmpty()) {
                throw new IllegalStateException("the seccomp program is compiled before the init runs");
            }
            init.installSeccomp(step.filter(), step.program(), step.atExec());
        }

        @Override public void switchUser(InitStep.SwitchUser step) {
            ProcessSpec p = step.process();
            // runc's setupUser: the user's passwd entry, read here, after the switch of root, so the path and
            // its links resolve in the container's root and never lead out of it.
            environment = UserHome.environment(p.env(), p.uid(),
                    () -> fs.readFile(UserHome.PASSWD, UserHome.MAX_PASSWD));
            Credentials credentials = init.credentials();
            CapabilitySets caps = p.capabilities();
            boolean leavesRoot = p.uid() != 0;
            if (leavesRoot) {
                // runc's order: the bounding set is cut while CAP_SETPCAP is still held, and the permitted set is
                // kept across the switch (PR_SET_KEEPCAPS), cut to what the process ends with plus what the
                // switch itself takes; the kernel clears the effective set as the uid leaves 0.
                Set<Integer> kept = new java.util.HashSet<>(caps.permitted());
                kept.addAll(SWITCH_CAPS);
                credentials.setCapabilities(caps.bounding(), kept, kept, caps.inheritable(), Set.of());
                credentials.setKeepCapabilities(true);
            }
            // Groups first: once the uid changes, setgroups needs a capability the process no longer has. In a
            // user namespace whose setgroups is "deny" (rootless: made by an unprivileged user, or inside one)
            // the kernel refuses any list, so none is set, as runc's setupUser leaves them.
            if (!GroupsPolicy.denied(init.readOwn("setgroups"))) {
                credentials.setgroups(p.additionalGids());
            }
            try {
                credentials.setresgid(p.gid(), p.gid(), p.gid());
                credentials.setresuid(p.uid(), p.uid(), p.uid());
            } catch (SyscallException e) {
                // The kernel's EINVAL for an id its user namespace does not map: runc checks both ids up front.
                throw e.errno() == Errno.EINVAL ? UnmappedUser.refusal(e, p.uid(), init) : e;
            }
            if (leavesRoot) {
                credentials.setKeepCapabilities(false);
            }
            // Exactly what the config lists, ambient last. The kernel raises an ambient capability only when it is
            // permitted and inheritable; runc warns about any other and goes on (runc spec's own default lists
            // three ambient capabilities and no inheritable one), so those are passed over here too.
            Set<Integer> ambient = new java.util.HashSet<>(caps.ambient());
            ambient.retainAll(caps.permitted());
            ambient.retainAll(caps.inheritable());
            credentials.setCapabilities(caps.bounding(), caps.effective(), caps.permitted(), caps.inheritable(),
                    ambient);
            // runc's init sets 0022 when the config names none; the caller's umask is no business of the container.
            init.umask(p.umask().orElse(DEFAULT_UMASK));
            init.chdir(p.cwd());
        }

        @Override public void awaitStart(InitStep.AwaitStart step) {
            init.awaitStart(step.execFifoFd());
        }

        @Override public void findProgram(InitStep.FindProgram step) {
            ProcessSpec p = step.process();
            program = ExecutableLookup.resolve(p.args().get(0), p.env(), init::checkExecutable);
        }

        @Override public void execProcess(InitStep.ExecProcess step) {
            ProcessSpec p = step.process();
            init.exec(program != null ? program
                    : ExecutableLookup.resolve(p.args().get(0), p.env(), init::checkExecutable),
                    environment != null ? p.withEnv(environment) : p);
        }

        @Override public void applyRlimits(InitStep.ApplyRlimits s) { throw wrongPhase(s); }
        @Override public void adjustOomScore(InitStep.AdjustOomScore s) { throw wrongPhase(s); }

        // What the init sets on itself for the user's program to inherit.
        @Override public void setInitialCpuAffinity(InitStep.SetInitialCpuAffinity step) {
            init.attributes().setAffinity(step.cpus());
        }

        @Override public void setMemoryPolicy(InitStep.SetMemoryPolicy step) {
            init.attributes().setMemoryPolicy(step.policy().mode(), step.policy().nodes());
        }

        @Override public void setScheduler(InitStep.SetScheduler step) {
            init.attributes().setScheduler(step.attr());
        }

        @Override public void setIoPriority(InitStep.SetIoPriority step) {
            init.attributes().setIoPriority(step.ioprio());
        }

        @Override public void setPersonality(InitStep.SetPersonality step) {
            init.attributes().setPersonality(step.persona());
        }

        @Override public void setFinalCpuAffinity(InitStep.SetFinalCpuAffinity step) {
            init.attributes().setAffinity(step.cpus());
        }

        @Override public void moveNetDevices(InitStep.MoveNetDevices s) { throw wrongPhase(s); }
    }
}
