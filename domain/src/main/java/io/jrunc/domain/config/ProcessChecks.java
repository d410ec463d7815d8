package io.jrunc.domain.config;

import io.jrunc.ports.model.ExecArguments;
import java.util.EnumSet;
import java.util.List;

/** Checks on {@code process}. */
final class ProcessChecks {
    private ProcessChecks() {}

    // config.md: process is REQUIRED when start is called, and a config is read here only to create a container;
    // runc refuses it then too ("process property must not be empty"). Found by ConfigFuzzTest: without this
    // check a config with no process passed validation and the translation threw.
    static void present(Spec spec, List<ConfigError> errors) {
        if (spec.process().isEmpty()) {
            errors.add(new ConfigError("process", "must be set"));
        }
    }

    // config.md: args is REQUIRED on POSIX when process is set; runc: "args must not be empty".
    static void args(Spec spec, List<ConfigError> errors) {
        spec.process().ifPresent(p -> {
            if (p.args().isEmpty()) {
                errors.add(new ConfigError("process.args", "must not be empty"));
            }
        });
    }

    // execve(2) takes argv and envp, strings and pointers, up to 6 MiB at most, whatever the stack limit: a
    // process over that can never start, so it is refused before anything is made (runc fails at start, E2BIG).
    static void argumentSize(Spec spec, List<ConfigError> errors) {
        spec.process().ifPresent(p -> {
            long size = ExecArguments.size(p.args(), p.env());
            if (size > ExecArguments.MAX_BYTES) {
                errors.add(new ConfigError("process.args", "argument list too long: with process.env, " + size
                        + " bytes with their pointers, more than execve(2) takes (" + ExecArguments.MAX_BYTES + ")"));
            }
        });
    }

    // config.md: cwd MUST be an absolute path; runc: "Cwd property must be a absolute path".
    static void cwd(Spec spec, List<ConfigError> errors) {
        spec.process().ifPresent(p -> {
            if (!p.cwd().startsWith("/")) {
                errors.add(new ConfigError("process.cwd", "must be an absolute path, got \"" + p.cwd() + "\""));
            }
        });
    }

    // config.md: a runtime MUST error on duplicate rlimit types (runc: "duplicate resource limit"); setrlimit(2)
    // fails with EINVAL when soft exceeds hard, so say so before the container is half built.
    static void rlimits(Spec spec, List<ConfigError> errors) {
        spec.process().ifPresent(p -> {
            var seen = EnumSet.noneOf(RlimitType.class);
            for (int i = 0; i < p.rlimits().size(); i++) {
                Rlimit rlimit = p.rlimits().get(i);
                String path = "process.rlimits[" + i + "]";
                if (!seen.add(rlimit.type())) {
                    errors.add(new ConfigError(path + ".type", "duplicate rlimit \"" + rlimit.type().spec() + "\""));
                }
                if (Long.compareUnsigned(rlimit.soft(), rlimit.hard()) > 0) {
                    errors.add(new ConfigError(path, "soft limit " + Long.toUnsignedString(rlimit.soft())
                            + " exceeds hard limit " + Long.toUnsignedString(rlimit.hard())));
                }
            }
        });
    }

    // The kernel accepts oom_score_adj only in [-1000, 1000] (OOM_SCORE_ADJ_MIN/MAX).
    static void oomScoreAdj(Spec spec, List<ConfigError> errors) {
        spec.process().ifPresent(p -> p.oomScoreAdj().ifPresent(score -> {
            if (score < -1000 || score > 1000) {
                errors.add(new ConfigError("process.oomScoreAdj", "must be between -1000 and 1000, got " + score));
            }
        }));
    }

    // config.md "Scheduler" and sched_setattr(2); runc 1.2 validate.scheduler checks nice and the
    // priority/deadline fields against the policy.
    static void scheduler(Spec spec, List<ConfigError> errors) {
        spec.process().flatMap(Process::scheduler).ifPresent(s -> {
            if (s.nice() < -20 || s.nice() > 19) {
                errors.add(new ConfigError("process.scheduler.nice", "must be between -20 and 19, got " + s.nice()));
            }
            boolean realtime = s.policy() == SchedulerPolicy.FIFO || s.policy() == SchedulerPolicy.RR;
            if (realtime && (s.priority() < 1 || s.priority() > 99)) {
                errors.add(new ConfigError("process.scheduler.priority",
                        "must be between 1 and 99 for " + s.policy().spec() + ", got " + s.priority()));
            } else if (!realtime && s.priority() != 0) {
                errors.add(new ConfigError("process.scheduler.priority",
                        "must be 0 for " + s.policy().spec() + ", got " + s.priority()));
            }
            boolean deadline = s.policy() == SchedulerPolicy.DEADLINE;
            if (!deadline && (s.runtime() != 0 || s.deadline() != 0 || s.period() != 0)) {
                errors.add(new ConfigError("process.scheduler",
                        "runtime, deadline and period apply only to SCHED_DEADLINE"));
            }
        });
    }

    // config.md "execCPUAffinity": each of initial and final is a list of CPUs in the kernel's list syntax; an
    // empty string is no setting (Go's omitempty, as runc reads it).
    static void execCpuAffinity(Spec spec, List<ConfigError> errors) {
        spec.process().flatMap(Process::execCPUAffinity).ifPresent(a -> {
            a.initial().filter(list -> !list.isEmpty())
                    .ifPresent(list -> cpuList("process.execCPUAffinity.initial", list, errors));
            a.finalAffinity().filter(list -> !list.isEmpty())
                    .ifPresent(list -> cpuList("process.execCPUAffinity.final", list, errors));
        });
    }

    private static void cpuList(String path, String list, List<ConfigError> errors) {
        java.util.Optional<java.util.Set<Integer>> cpus = CpuList.parse(list);
        if (cpus.isEmpty()) {
            errors.add(new ConfigError(path, "invalid CPU list \"" + list + "\""));
        } else if (cpus.get().isEmpty()) {
            errors.add(new ConfigError(path, "names no CPU"));
        }
    }

    // ioprio_set(2): levels 0 (highest) to 7; runc: "invalid ioPriority.Priority".
    static void ioPriority(Spec spec, List<ConfigError> errors) {
        spec.process().flatMap(Process::ioPriority).ifPresent(io -> {
            if (io.priority() < 0 || io.priority() > 7) {
                errors.add(new ConfigError("process.ioPriority.priority", "must be between 0 and 7, got " + io.priority()));
            }
        });
    }
}
