package io.jrunc.domain.runtime;

import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RouteRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The runtime's own view of a container, translated once from the OCI spec (as runc's specconv does):
 * paths resolved, mount options parsed, defaults added. The init planner reads only this.
 *
 * @param loopback whether to bring up "lo" (a new network namespace has it down)
 * @param routes   routes to add in the container's network namespace (OCI configs have none today)
 * @param sysctl   in the order the config lists them
 * @param cgroup   where the container's cgroup goes and what it limits
 * @param seccomp  linux.seccomp in libseccomp's words, compiled by the runtime and loaded by the init
 * @param platform personality, I/O priority, scheduler, memory policy, CPU affinity and time offsets
 * @param idMappings the uid and gid ranges of a new user namespace; {@link IdMappings#NONE} without one
 */
public record ContainerConfig(
        RootfsSpec rootfs,
        Set<Namespace> newNamespaces,
        Map<Namespace, String> joinedNamespaces,
        boolean loopback,
        List<RouteRequest> routes,
        List<Rlimit> rlimits,
        OptionalInt oomScoreAdj,
        Optional<String> hostname,
        Optional<String> domainname,
        Optional<String> appArmorProfile,
        Optional<String> processLabel,
        Map<String, String> sysctl,
        List<String> readonlyPaths,
        List<String> maskedPaths,
        ProcessSpec process,
        CgroupSpec cgroup,
        Optional<io.jrunc.ports.model.SeccompFilter> seccomp,
        io.jrunc.domain.config.Hooks hooks,
        PlatformSpec platform,
        IdMappings idMappings) {
    private static final io.jrunc.domain.config.Hooks NO_HOOKS = new io.jrunc.domain.config.Hooks(List.of(),
            List.of(), List.of(), List.of(), List.of(), List.of());

    /** A container with hooks, and none of the process and platform fields of runtime-spec 1.2/1.3. */
    public ContainerConfig(RootfsSpec rootfs, Set<Namespace> newNamespaces, Map<Namespace, String> joinedNamespaces,
                           boolean loopback, List<RouteRequest> routes, List<Rlimit> rlimits, OptionalInt oomScoreAdj,
                           Optional<String> hostname, Optional<String> domainname, Optional<String> appArmorProfile,
                           Optional<String> processLabel, Map<String, String> sysctl, List<String> readonlyPaths,
                           List<String> maskedPaths, ProcessSpec process, CgroupSpec cgroup,
                           Optional<io.jrunc.ports.model.SeccompFilter> seccomp, io.jrunc.domain.config.Hooks hooks) {
        this(rootfs, newNamespaces, joinedNamespaces, loopback, routes, rlimits, oomScoreAdj, hostname, domainname,
                appArmorProfile, processLabel, sysctl, readonlyPaths, maskedPaths, process, cgroup, seccomp, hooks,
                PlatformSpec.NONE, IdMappings.NONE);
    }

    /** A container without hooks. */
    public ContainerConfig(RootfsSpec rootfs, Set<Namespace> newNamespaces, Map<Namespace, String> joinedNamespaces,
                           boolean loopback, List<RouteRequest> routes, List<Rlimit> rlimits, OptionalInt oomScoreAdj,
                           Optional<String> hostname, Optional<String> domainname, Optional<String> appArmorProfile,
                           Optional<String> processLabel, Map<String, String> sysctl, List<String> readonlyPaths,
                           List<String> maskedPaths, ProcessSpec process, CgroupSpec cgroup,
                           Optional<io.jrunc.ports.model.SeccompFilter> seccomp, PlatformSpec platform) {
        this(rootfs, newNamespaces, joinedNamespaces, loopback, routes, rlimits, oomScoreAdj, hostname, domainname,
                appArmorProfile, processLabel, sysctl, readonlyPaths, maskedPaths, process, cgroup, seccomp, NO_HOOKS,
                platform, IdMappings.NONE);
    }

    /** A container without a user namespace of its own. */
    public ContainerConfig(RootfsSpec rootfs, Set<Namespace> newNamespaces, Map<Namespace, String> joinedNamespaces,
                           boolean loopback, List<RouteRequest> routes, List<Rlimit> rlimits, OptionalInt oomScoreAdj,
                           Optional<String> hostname, Optional<String> domainname, Optional<String> appArmorProfile,
                           Optional<String> processLabel, Map<String, String> sysctl, List<String> readonlyPaths,
                           List<String> maskedPaths, ProcessSpec process, CgroupSpec cgroup,
                           Optional<io.jrunc.ports.model.SeccompFilter> seccomp, io.jrunc.domain.config.Hooks hooks,
                           PlatformSpec platform) {
        this(rootfs, newNamespaces, joinedNamespaces, loopback, routes, rlimits, oomScoreAdj, hostname, domainname,
                appArmorProfile, processLabel, sysctl, readonlyPaths, maskedPaths, process, cgroup, seccomp, hooks,
                platform, IdMappings.NONE);
    }

    /** A container with a user namespace, and neither hooks nor the process and platform fields of 1.2/1.3. */
    public ContainerConfig(RootfsSpec rootfs, Set<Namespace> newNamespaces, Map<Namespace, String> joinedNamespaces,
                           boolean loopback, List<RouteRequest> routes, List<Rlimit> rlimits, OptionalInt oomScoreAdj,
                           Optional<String> hostname, Optional<String> domainname, Optional<String> appArmorProfile,
                           Optional<String> processLabel, Map<String, String> sysctl, List<String> readonlyPaths,
                           List<String> maskedPaths, ProcessSpec process, CgroupSpec cgroup,
                           Optional<io.jrunc.ports.model.SeccompFilter> seccomp, IdMappings idMappings) {
        this(rootfs, newNamespaces, joinedNamespaces, loopback, routes, rlimits, oomScoreAdj, hostname, domainname,
                appArmorProfile, processLabel, sysctl, readonlyPaths, maskedPaths, process, cgroup, seccomp, NO_HOOKS,
                PlatformSpec.NONE, idMappings);
    }

    /** A container with no cgroup settings of its own (runc's defaults). */
    public ContainerConfig(RootfsSpec rootfs, Set<Namespace> newNamespaces, Map<Namespace, String> joinedNamespaces,
                           boolean loopback, List<RouteRequest> routes, List<Rlimit> rlimits, OptionalInt oomScoreAdj,
                           Optional<String> hostname, Optional<String> domainname, Optional<String> appArmorProfile,
                           Optional<String> processLabel, Map<String, String> sysctl, List<String> readonlyPaths,
                           List<String> maskedPaths, ProcessSpec process) {
        this(rootfs, newNamespaces, joinedNamespaces, loopback, routes, rlimits, oomScoreAdj, hostname, domainname,
                appArmorProfile, processLabel, sysctl, readonlyPaths, maskedPaths, process, CgroupSpec.NONE);
    }

    /** A container without a seccomp filter. */
    public ContainerConfig(RootfsSpec rootfs, Set<Namespace> newNamespaces, Map<Namespace, String> joinedNamespaces,
                           boolean loopback, List<RouteRequest> routes, List<Rlimit> rlimits, OptionalInt oomScoreAdj,
                           Optional<String> hostname, Optional<String> domainname, Optional<String> appArmorProfile,
                           Optional<String> processLabel, Map<String, String> sysctl, List<String> readonlyPaths,
                           List<String> maskedPaths, ProcessSpec process, CgroupSpec cgroup) {
        this(rootfs, newNamespaces, joinedNamespaces, loopback, routes, rlimits, oomScoreAdj, hostname, domainname,
                appArmorProfile, processLabel, sysctl, readonlyPaths, maskedPaths, process, cgroup, Optional.empty());
    }

    /** A container that sets none of the process and platform fields of runtime-spec 1.2/1.3. */
    public ContainerConfig(RootfsSpec rootfs, Set<Namespace> newNamespaces, Map<Namespace, String> joinedNamespaces,
                           boolean loopback, List<RouteRequest> routes, List<Rlimit> rlimits, OptionalInt oomScoreAdj,
                           Optional<String> hostname, Optional<String> domainname, Optional<String> appArmorProfile,
                           Optional<String> processLabel, Map<String, String> sysctl, List<String> readonlyPaths,
                           List<String> maskedPaths, ProcessSpec process, CgroupSpec cgroup,
                           Optional<io.jrunc.ports.model.SeccompFilter> seccomp) {
        this(rootfs, newNamespaces, joinedNamespaces, loopback, routes, rlimits, oomScoreAdj, hostname, domainname,
                appArmorProfile, processLabel, sysctl, readonlyPaths, maskedPaths, process, cgroup, seccomp, NO_HOOKS,
                PlatformSpec.NONE, IdMappings.NONE);
    }

    public ContainerConfig {
        java.util.Objects.requireNonNull(cgroup, "cgroup");
        java.util.Objects.requireNonNull(seccomp, "seccomp");
        java.util.Objects.requireNonNull(hooks, "hooks");
        java.util.Objects.requireNonNull(platform, "platform");
        java.util.Objects.requireNonNull(idMappings, "idMappings");
        newNamespaces = Set.copyOf(newNamespaces);
        joinedNamespaces = Map.copyOf(joinedNamespaces);
        routes = List.copyOf(routes);
        rlimits = List.copyOf(rlimits);
        sysctl = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysctl));
        readonlyPaths = List.copyOf(readonlyPaths);
        maskedPaths = List.copyOf(maskedPaths);
    }
}
