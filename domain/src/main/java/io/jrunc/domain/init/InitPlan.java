package io.jrunc.domain.init;

import java.util.List;
import java.util.stream.Collectors;

/** The ordered steps that turn a spawned init into the running container. A value: print it, diff it. */
public record InitPlan(List<InitStep> steps) {
    public InitPlan {
        steps = List.copyOf(steps);
    }

    /** The same plan with the exec fifo named by {@code fd}, the number the init holds it under. */
    public InitPlan withExecFifoFd(int fd) {
        return new InitPlan(steps.stream()
                .map(s -> s instanceof InitStep.AwaitStart ? new InitStep.AwaitStart(fd) : s)
                .collect(Collectors.toUnmodifiableList()));
    }

    /** The plan with each seccomp step's program: {@code compile} gives the BPF of a filter. */
    public InitPlan withSeccompPrograms(java.util.function.Function<io.jrunc.ports.model.SeccompFilter, byte[]> compile) {
        return new InitPlan(steps.stream()
                .map(s -> s instanceof InitStep.LoadSeccomp l
                        ? l.withProgram(java.util.HexFormat.of().formatHex(compile.apply(l.filter()))) : s)
                .collect(Collectors.toUnmodifiableList()));
    }

    /**
     * The plan with each id-mapped bind's user namespace fd: {@code usernsFd} gives the fd the runtime made for
     * a mapping, before the init thread entered the container's namespaces.
     */
    public InitPlan withIdmapUserNamespaces(
            java.util.function.ToIntFunction<io.jrunc.domain.runtime.IdMappings> usernsFd) {
        return new InitPlan(steps.stream()
                .map(s -> s instanceof InitStep.PrepareRootfs p ? new InitStep.PrepareRootfs(withFds(p.rootfs(), usernsFd)) : s)
                .collect(Collectors.toUnmodifiableList()));
    }

    private static io.jrunc.domain.runtime.RootfsSpec withFds(io.jrunc.domain.runtime.RootfsSpec r,
            java.util.function.ToIntFunction<io.jrunc.domain.runtime.IdMappings> usernsFd) {
        List<io.jrunc.domain.runtime.MountSpec> mounts = r.mounts().stream()
                .map(m -> m.withIdmap(m.idmap().map(i -> i.withUsernsFd(usernsFd.applyAsInt(i.mappings())))))
                .toList();
        return r.withMounts(mounts);
    }

    public List<InitStep> steps(Phase phase) {
        return steps.stream().filter(s -> s.phase() == phase).collect(Collectors.toUnmodifiableList());
    }
}
