package io.jrunc.domain.init;

import io.jrunc.domain.runtime.ContainerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of `jrunc exec`: a pure function, as {@link InitPlanner}. The container is set up already, so only the
 * process's own steps remain, in the order runc's setns init takes them (linuxSetnsInit.Init): rlimits and OOM
 * score from outside, then the terminal, LSM labels, no_new_privs, seccomp, the user and the lookup, and the exec
 * itself, at once: there is no exec fifo and no start.
 */
public final class ExecPlanner {
    private ExecPlanner() {
    }

    /** A plan without a terminal. */
    public static InitPlan plan(ContainerConfig c) {
        return plan(c, java.util.OptionalInt.empty());
    }

    /**
     * @param c             the container's config with the exec's own process (its args, env, user, caps, rlimits)
     * @param consoleSocket the fd of the console socket the first stage holds, for a process with a terminal
     */
    public static InitPlan plan(ContainerConfig c, java.util.OptionalInt consoleSocket) {
        List<InitStep> steps = new ArrayList<>();
        if (!c.rlimits().isEmpty()) {
            // Runtime phase, on the new process's pid before it runs anything of the container's.
            steps.add(new InitStep.ApplyRlimits(c.rlimits()));
        }
        c.oomScoreAdj().ifPresent(score -> steps.add(new InitStep.AdjustOomScore(score)));
        if (c.process().terminal() && consoleSocket.isPresent()) {
            // runc's setns init: first, in the container's mount namespace (joined before the container phase), so
            // the pty is of the container's devpts; as root, who may chown its peer. Not bound on /dev/console:
            // that stays the init's terminal.
            steps.add(new InitStep.SetupConsole(consoleSocket.getAsInt(), c.process().consoleSize(),
                    c.process().uid(), false));
        }
        c.appArmorProfile().ifPresent(p ->
                // attr/apparmor/exec and attr/exec take effect at execve.
                steps.add(new InitStep.ApplyAppArmorProfile(p)));
        c.processLabel().ifPresent(l -> steps.add(new InitStep.SetProcessLabel(l)));
        boolean nnp = c.process().noNewPrivileges();
        if (nnp) {
            steps.add(new InitStep.SetNoNewPrivileges());
        }
        c.seccomp().filter(filter -> !nnp).ifPresent(filter ->
                // Without no_new_privs loading a filter takes CAP_SYS_ADMIN, which the user switch drops.
                steps.add(new InitStep.LoadSeccomp(filter, false, "")));
        steps.add(new InitStep.SwitchUser(c.process()));
        // As the user, from its cwd: a missing program fails exec in runc 1.1's words before anything runs.
        steps.add(new InitStep.FindProgram(c.process()));
        c.seccomp().filter(filter -> nnp).ifPresent(filter ->
                // Right before execve, as runc: nothing of the runtime's own requests is filtered.
                steps.add(new InitStep.LoadSeccomp(filter, true, "")));
        steps.add(new InitStep.ExecProcess(c.process()));
        return new InitPlan(steps);
    }
}
