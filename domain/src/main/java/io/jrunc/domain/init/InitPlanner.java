package io.jrunc.domain.init;

import io.jrunc.domain.runtime.ContainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a container's init plan from its config: a pure function, no syscall. The planner decides
 * whether a step applies; the validator has already checked its preconditions.
 *
 * <p>The order follows runc's linuxStandardInit (session keyring, network, route, rlimits, oom score, rootfs, hostname,
 * apparmor, label, sysctl, readonly paths, masked paths), then the process's own set-up up to execve.
 * docs/init-order.md mirrors this list, and a test keeps the two equal.
 */
public final class InitPlanner {
    private InitPlanner() {
    }

    public static InitPlan plan(ContainerConfig c, int execFifoFd) {
        return plan(c, execFifoFd, Optional.empty());
    }

    /** @param sessionKeyring the name of the container's own session keyring; empty with --no-new-keyring */
    public static InitPlan plan(ContainerConfig c, int execFifoFd, Optional<String> sessionKeyring) {
        return plan(c, execFifoFd, sessionKeyring, java.util.OptionalInt.empty());
    }

    /**
     * @param consoleSocket the fd of the console socket the init holds, for a process with a terminal (the
     *                      runtime's own socket pair in a foreground run)
     */
    public static InitPlan plan(ContainerConfig c, int execFifoFd, Optional<String> sessionKeyring,
                                java.util.OptionalInt consoleSocket) {
        List<InitStep> steps = new ArrayList<>();
        var platform = c.platform();
        platform.initialCpus().ifPresent(cpus ->
                // First of all: the init runs every step of its own on these CPUs (it is in its cgroup by now,
                // whose cpuset the join may have imposed).
                steps.add(new InitStep.SetInitialCpuAffinity(cpus)));
        sessionKeyring.ifPresent(name ->
                // First, as in runc: nothing the init does after it may touch the caller's keyrings.
                steps.add(new InitStep.JoinSessionKeyring(name)));
        if (!platform.netDevices().isEmpty()) {
            // Runtime phase: the host's links into the new network namespace once the init holds it, before the
            // init configures its network (runc's parent moves them at the same point).
            steps.add(new InitStep.MoveNetDevices(platform.netDevices()));
        }
        if (c.loopback()) {
            // First, while nothing else depends on the network yet; later steps and hooks may need lo. The moved
            // devices come up with it (the move took them down), as runc brings each up right after its move.
            List<String> links = new ArrayList<>(List.of("lo"));
            links.addAll(platform.netDevices().values());
            steps.add(new InitStep.ConfigureNetwork(links));
        }
        if (!c.routes().isEmpty()) {
            // Routes name the links brought up just above.
            steps.add(new InitStep.AddRoutes(c.routes()));
        }
        if (!c.rlimits().isEmpty()) {
            // Runtime phase: prlimit on the init's pid before it runs anything of the container's, so the
            // limits hold for all it does (and survive a later user namespace, which could not raise them).
            steps.add(new InitStep.ApplyRlimits(c.rlimits()));
        }
        c.oomScoreAdj().ifPresent(score ->
                // Runtime phase: /proc/[pid]/oom_score_adj can be lowered only by a privileged writer,
                // which the init is no longer once it drops capabilities or enters a user namespace.
                steps.add(new InitStep.AdjustOomScore(score)));
        // Needs the mount namespace; everything after that touches files must see the container's root.
        steps.add(new InitStep.PrepareRootfs(c.rootfs()));
        // runc's procHooks: once the mounts are made and before the switch of root, so a hook still sees the
        // host's tree (and the rootfs at its host path) and may add mounts of its own.
        hooks(steps, HookPoint.PRESTART, c.hooks().prestart());
        hooks(steps, HookPoint.CREATE_RUNTIME, c.hooks().createRuntime());
        hooks(steps, HookPoint.CREATE_CONTAINER, c.hooks().createContainer());
        steps.add(new InitStep.SwitchRoot(c.rootfs()));
        if (c.process().terminal() && consoleSocket.isPresent()) {
            // As runc's: once the root is switched, so that /dev/ptmx is the container's own devpts; before the
            // user switch, as making /dev/console is root's work.
            steps.add(new InitStep.SetupConsole(consoleSocket.getAsInt(), c.process().consoleSize(),
                    c.process().uid()));
        }
        if (c.rootfs().readonly() && c.rootfs().mountNamespace()) {
            // After the console, as runc's finalizeRootfs: /dev/console may have to be made in the image's /dev.
            steps.add(new InitStep.FinalizeRootfs());
        }
        c.hostname().ifPresent(h ->
                // After the rootfs: runc's order; needs only the UTS namespace, checked by the validator.
                steps.add(new InitStep.SetHostname(h)));
        c.domainname().ifPresent(d -> steps.add(new InitStep.SetDomainname(d)));
        c.appArmorProfile().ifPresent(p ->
                // Written to attr/apparmor/exec: takes effect at execve, so it may be set any time before.
                steps.add(new InitStep.ApplyAppArmorProfile(p)));
        c.processLabel().ifPresent(l ->
                // attr/exec likewise applies at execve; set before the label-less mounts are frozen.
                steps.add(new InitStep.SetProcessLabel(l)));
        if (!c.sysctl().isEmpty()) {
            // Through the container's /proc, mounted by PrepareRootfs, and before readonly paths make
            // /proc/sys read-only.
            steps.add(new InitStep.ApplySysctl(c.sysctl()));
        }
        if (!c.readonlyPaths().isEmpty()) {
            // After sysctl (it writes /proc/sys) and before masking, which may hide some of these paths.
            steps.add(new InitStep.RemountReadonly(c.readonlyPaths()));
        }
        if (!c.maskedPaths().isEmpty()) {
            // Last of the filesystem steps: nothing after it may need to read what it hides.
            steps.add(new InitStep.MaskPaths(c.maskedPaths()));
        }
        if (c.process().noNewPrivileges()) {
            // Before the user switch and exec, so no setuid binary regains what is dropped.
            steps.add(new InitStep.SetNoNewPrivileges());
        }
        platform.memoryPolicy().ifPresent(policy ->
                // The process's own settings, as runc's init makes them after no_new_privs: while it is still
                // root in the container, which raising a priority or a real-time policy needs.
                steps.add(new InitStep.SetMemoryPolicy(policy)));
        platform.scheduler().ifPresent(attr -> steps.add(new InitStep.SetScheduler(attr)));
        platform.ioPriority().ifPresent(ioprio -> steps.add(new InitStep.SetIoPriority(ioprio)));
        boolean nnp = c.process().noNewPrivileges();
        c.seccomp().filter(filter -> !nnp).ifPresent(filter ->
                // Without no_new_privs loading a filter takes CAP_SYS_ADMIN, which the user switch drops.
                steps.add(new InitStep.LoadSeccomp(filter, false, "")));
        // Credentials change last but for the exec: every step above needs root in the container.
        steps.add(new InitStep.SwitchUser(c.process()));
        // After the switch, so the lookup sees what the user may execute; before the wait, so that a
        // missing program fails create rather than start (runc's LookPath stands at the same place).
        steps.add(new InitStep.FindProgram(c.process()));
        c.seccomp().filter(filter -> nnp).ifPresent(filter ->
                // As close to execve as can be: the init installs it once start let it go. One with an agent is
                // installed here, before the wait, as runc installs it: its notify fd must reach the agent while
                // create still runs (the init's own last syscalls, the wait and execve, are then the agent's).
                steps.add(new InitStep.LoadSeccomp(filter, !filter.notifies(), "")));
        platform.personality().ifPresent(persona ->
                // runc's place: after the last seccomp step, right before the wait; execve keeps it.
                steps.add(new InitStep.SetPersonality(persona)));
        platform.finalCpus().ifPresent(cpus ->
                // Last: the CPUs the user's program starts on, whatever the init's own steps ran on.
                steps.add(new InitStep.SetFinalCpuAffinity(cpus)));
        // The create/start split: the init blocks here until `start`; nothing of the user's runs before.
        steps.add(new InitStep.AwaitStart(execFifoFd));
        // Once start released the init, as the user, before the exec (and before a seccomp filter loaded at it).
        hooks(steps, HookPoint.START_CONTAINER, c.hooks().startContainer());
        steps.add(new InitStep.ExecProcess(c.process()));
        return new InitPlan(steps);
    }

    private static void hooks(List<InitStep> steps, HookPoint point, List<io.jrunc.domain.config.Hook> hooks) {
        if (!hooks.isEmpty()) {
            steps.add(new InitStep.RunHooks(point, hooks));
        }
    }
}
