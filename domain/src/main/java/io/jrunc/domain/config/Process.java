package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The container process (config.md "Process"); {@code commandLine} is for Windows only. */
public record Process(boolean terminal, Optional<ConsoleSize> consoleSize, User user, List<String> args,
                      Optional<String> commandLine, List<String> env, String cwd,
                      Optional<Capabilities> capabilities, List<Rlimit> rlimits, boolean noNewPrivileges,
                      Optional<String> apparmorProfile, OptionalInt oomScoreAdj, Optional<Scheduler> scheduler,
                      Optional<String> selinuxLabel, Optional<IoPriority> ioPriority,
                      Optional<ExecCpuAffinity> execCPUAffinity) {
    public Process {
        requireNonNull(consoleSize, "consoleSize");
        requireNonNull(user, "user");
        args = Copies.list(args);
        requireNonNull(commandLine, "commandLine");
        env = Copies.list(env);
        requireNonNull(cwd, "cwd");
        requireNonNull(capabilities, "capabilities");
        rlimits = Copies.list(rlimits);
        requireNonNull(apparmorProfile, "apparmorProfile");
        requireNonNull(oomScoreAdj, "oomScoreAdj");
        requireNonNull(scheduler, "scheduler");
        requireNonNull(selinuxLabel, "selinuxLabel");
        requireNonNull(ioPriority, "ioPriority");
        requireNonNull(execCPUAffinity, "execCPUAffinity");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().terminal(terminal).consoleSize(consoleSize).user(user).args(args)
                .commandLine(commandLine).env(env).cwd(cwd).capabilities(capabilities).rlimits(rlimits)
                .noNewPrivileges(noNewPrivileges).apparmorProfile(apparmorProfile).oomScoreAdj(oomScoreAdj)
                .scheduler(scheduler).selinuxLabel(selinuxLabel).ioPriority(ioPriority)
                .execCPUAffinity(execCPUAffinity);
    }

    /** Sixteen components are too many to pass positionally in tests and defaults. */
    public static final class Builder {
        private boolean terminal;
        private Optional<ConsoleSize> consoleSize = Optional.empty();
        private User user = User.of(0, 0);
        private List<String> args = List.of();
        private Optional<String> commandLine = Optional.empty();
        private List<String> env = List.of();
        private String cwd = "/";
        private Optional<Capabilities> capabilities = Optional.empty();
        private List<Rlimit> rlimits = List.of();
        private boolean noNewPrivileges;
        private Optional<String> apparmorProfile = Optional.empty();
        private OptionalInt oomScoreAdj = OptionalInt.empty();
        private Optional<Scheduler> scheduler = Optional.empty();
        private Optional<String> selinuxLabel = Optional.empty();
        private Optional<IoPriority> ioPriority = Optional.empty();
        private Optional<ExecCpuAffinity> execCPUAffinity = Optional.empty();

        private Builder() {}

        public Builder terminal(boolean v) { terminal = v; return this; }
        public Builder consoleSize(Optional<ConsoleSize> v) { consoleSize = v; return this; }
        public Builder user(User v) { user = v; return this; }
        public Builder args(List<String> v) { args = v; return this; }
        public Builder commandLine(Optional<String> v) { commandLine = v; return this; }
        public Builder env(List<String> v) { env = v; return this; }
        public Builder cwd(String v) { cwd = v; return this; }
        public Builder capabilities(Optional<Capabilities> v) { capabilities = v; return this; }
        public Builder rlimits(List<Rlimit> v) { rlimits = v; return this; }
        public Builder noNewPrivileges(boolean v) { noNewPrivileges = v; return this; }
        public Builder apparmorProfile(Optional<String> v) { apparmorProfile = v; return this; }
        public Builder oomScoreAdj(OptionalInt v) { oomScoreAdj = v; return this; }
        public Builder scheduler(Optional<Scheduler> v) { scheduler = v; return this; }
        public Builder selinuxLabel(Optional<String> v) { selinuxLabel = v; return this; }
        public Builder ioPriority(Optional<IoPriority> v) { ioPriority = v; return this; }
        public Builder execCPUAffinity(Optional<ExecCpuAffinity> v) { execCPUAffinity = v; return this; }

        public Process build() {
            return new Process(terminal, consoleSize, user, args, commandLine, env, cwd, capabilities, rlimits,
                    noNewPrivileges, apparmorProfile, oomScoreAdj, scheduler, selinuxLabel, ioPriority,
                    execCPUAffinity);
        }
    }
}
