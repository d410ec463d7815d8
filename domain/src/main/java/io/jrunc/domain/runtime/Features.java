package io.jrunc.domain.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime-spec's features document (features.md, features-linux.md) as of the spec version jrunc speaks:
 * what a caller may put in a config.json and have carried out. {@link FeatureDiscovery} derives it; the
 * command line prints it. Lists hold the spec's strings, in the order runc prints them.
 */
public record Features(String ociVersionMin, String ociVersionMax, List<String> hooks, List<String> mountOptions,
                       Linux linux, Map<String, String> annotations,
                       List<String> potentiallyUnsafeConfigAnnotations) {
    public Features {
        hooks = List.copyOf(hooks);
        mountOptions = List.copyOf(mountOptions);
        annotations = Map.copyOf(annotations);
        potentiallyUnsafeConfigAnnotations = List.copyOf(potentiallyUnsafeConfigAnnotations);
    }

    /** features-linux.md; {@code seccomp} is absent where the runtime cannot filter syscalls at all. */
    public record Linux(List<String> namespaces, List<String> capabilities, Cgroup cgroup,
                        Optional<Seccomp> seccomp, boolean apparmor, boolean selinux, boolean intelRdt,
                        boolean idmapMounts) {
        public Linux {
            namespaces = List.copyOf(namespaces);
            capabilities = List.copyOf(capabilities);
        }
    }

    /** Which cgroup managers and controllers are implemented, whatever this host mounts. */
    public record Cgroup(boolean v1, boolean v2, boolean systemd, boolean systemdUser, boolean rdma) {
    }

    /** @param supportedFlags the known flags this kernel takes as jrunc passes them */
    public record Seccomp(List<String> actions, List<String> operators, List<String> archs, List<String> knownFlags,
                          List<String> supportedFlags) {
        public Seccomp {
            actions = List.copyOf(actions);
            operators = List.copyOf(operators);
            archs = List.copyOf(archs);
            knownFlags = List.copyOf(knownFlags);
            supportedFlags = List.copyOf(supportedFlags);
        }
    }
}
