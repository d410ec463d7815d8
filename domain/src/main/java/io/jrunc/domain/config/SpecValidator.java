package io.jrunc.domain.config;

import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * Semantic checks on a parsed {@link Spec} that need no filesystem: runc's {@code libcontainer/configs/validate}
 * shape (an ordered list of check functions) and the spec's MUSTs, but every check runs and every error is kept,
 * where runc stops at the first.
 *
 * <p>Decision: a relative mount destination is an error. The spec says it MUST be absolute on Linux; runc 1.1
 * still accepts one with a warning that support "will be removed", and jrunc has no warning channel in
 * validation that a user would see before the container starts.
 *
 * <p>Unknown enum values (rootfsPropagation, namespace types, ...) cannot reach this class: the model holds
 * enums, so the reader reports them where it meets them.
 */
public final class SpecValidator {
    /** One rule; it reports what it finds into {@code errors} and never stops the others. */
    @FunctionalInterface
    interface Check {
        void check(Spec spec, List<ConfigError> errors);
    }

    private static final List<Check> CHECKS = List.of(
            SpecValidator::ociVersion,
            SpecValidator::root,
            ProcessChecks::present,
            ProcessChecks::args,
            ProcessChecks::argumentSize,
            ProcessChecks::cwd,
            ProcessChecks::rlimits,
            ProcessChecks::oomScoreAdj,
            ProcessChecks::scheduler,
            ProcessChecks::ioPriority,
            ProcessChecks::execCpuAffinity,
            MountChecks::destinations,
            MountChecks::idMappings,
            SpecValidator::hooks,
            NamespaceChecks::unique,
            NamespaceChecks::uts,
            NamespaceChecks::user,
            NamespaceChecks::time,
            NamespaceChecks::sysctl,
            NamespaceChecks::mountNamespace,
            NamespaceChecks::netDevices,
            LinuxChecks::devices,
            LinuxChecks::seccomp,
            LinuxChecks::intelRdt,
            LinuxChecks::memoryPolicy,
            ResourceChecks::devices,
            ResourceChecks::memory,
            ResourceChecks::cpu,
            ResourceChecks::blockIo,
            ResourceChecks::hugepages,
            ResourceChecks::unified);

    private SpecValidator() {}

    /** Every error, in check order; empty when the spec is valid. */
    public static List<ConfigError> errors(Spec spec) {
        var errors = new ArrayList<ConfigError>();
        for (Check check : CHECKS) {
            check.check(spec, errors);
        }
        return List.copyOf(errors);
    }

    public static Validation<Seq<ConfigError>, Spec> validate(Spec spec) {
        List<ConfigError> errors = errors(spec);
        return errors.isEmpty() ? Validation.valid(spec) : Validation.invalid(Vector.ofAll(errors));
    }

    // config.md: ociVersion is REQUIRED.
    private static void ociVersion(Spec spec, List<ConfigError> errors) {
        if (spec.ociVersion().isBlank()) {
            errors.add(new ConfigError("ociVersion", "must be set"));
        }
    }

    // config.md: root is REQUIRED on all platforms but Windows; runc specconv: "root must be specified".
    private static void root(Spec spec, List<ConfigError> errors) {
        if (spec.root().isEmpty()) {
            errors.add(new ConfigError("root", "must be set"));
        } else if (spec.root().get().path().isEmpty()) {
            errors.add(new ConfigError("root.path", "must not be empty"));
        }
    }

    // config.md "POSIX-platform Hooks": path MUST be absolute; timeout MUST be greater than zero.
    private static void hooks(Spec spec, List<ConfigError> errors) {
        spec.hooks().ifPresent(hooks -> {
            hookList("hooks.prestart", hooks.prestart(), errors);
            hookList("hooks.createRuntime", hooks.createRuntime(), errors);
            hookList("hooks.createContainer", hooks.createContainer(), errors);
            hookList("hooks.startContainer", hooks.startContainer(), errors);
            hookList("hooks.poststart", hooks.poststart(), errors);
            hookList("hooks.poststop", hooks.poststop(), errors);
        });
    }

    private static void hookList(String path, List<Hook> hooks, List<ConfigError> errors) {
        for (int i = 0; i < hooks.size(); i++) {
            Hook hook = hooks.get(i);
            if (!hook.path().startsWith("/")) {
                errors.add(new ConfigError(path + "[" + i + "].path", "must be an absolute path, got \""
                        + hook.path() + "\""));
            }
            int index = i;
            hook.timeout().ifPresent(t -> {
                if (t <= 0) {
                    errors.add(new ConfigError(path + "[" + index + "].timeout", "must be greater than zero, got " + t));
                }
            });
        }
    }
}
