package io.jrunc.domain.init;

import io.jrunc.domain.runtime.ContainerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of `jrunc exec`: a pure function, as {@link InitPlanner}. The container is set up already, so only the
 * process's own steps remain, in the order runc's setns init takes them (linuxSetnsInit.Init): rlimits and OOM
 * score from outside, then LSM labels, no_new_privs, seccomp, the user and the lookup, and the exec itself, at
 * once: there is no exec fifo and no start.
 */
public final class ExecPlanner {
    private ExecPlanner() {
    }

    /** @param c the container's config with the exec's own process (its args, env, user, caps, rlimits) */
    public static InitPlan plan(ContainerConfig c) {
        List<InitStep> steps = new ArrayList<>();
        if (!c.rlimits().isEmpty()) {
            // Runtime phase, on the new process's pid before it runs anything of the container's.
            steps.add(new InitStep.ApplyRlimits(c.rlimits()));
        }
        c.oomScoreAdj().ifPresent(score -> steps.add(new InitStep.AdjustOomScore(score)));
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
