package io.jrunc.domain.runtime;

import static java.util.Objects.requireNonNull;

import io.jrunc.domain.config.Hooks;
import io.jrunc.ports.model.Namespace;
import io.jrunc.ports.model.RouteRequest;
import io.jrunc.ports.model.SeccompFilter;
import java.util.Collections;
import java.util.LinkedHashMap;
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
        Optional<SeccompFilter> seccomp,
        Hooks hooks,
        PlatformSpec platform,
        IdMappings idMappings) {
    public ContainerConfig {
        requireNonNull(cgroup, "cgroup");
        requireNonNull(seccomp, "seccomp");
        requireNonNull(hooks, "hooks");
        requireNonNull(platform, "platform");
        requireNonNull(idMappings, "idMappings");
        newNamespaces = Set.copyOf(newNamespaces);
        joinedNamespaces = Map.copyOf(joinedNamespaces);
        routes = List.copyOf(routes);
        rlimits = List.copyOf(rlimits);
        sysctl = Collections.unmodifiableMap(new LinkedHashMap<>(sysctl));
        readonlyPaths = List.copyOf(readonlyPaths);
        maskedPaths = List.copyOf(maskedPaths);
    }

    /**
     * A config with nothing but what {@link Builder#build()} insists on; the rest starts empty: no namespaces,
     * routes, rlimits, sysctls or hooks, {@link CgroupSpec#NONE}, no seccomp filter, {@link PlatformSpec#NONE}
     * and {@link IdMappings#NONE}.
     */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().rootfs(rootfs).newNamespaces(newNamespaces).joinedNamespaces(joinedNamespaces)
                .loopback(loopback).routes(routes).rlimits(rlimits).oomScoreAdj(oomScoreAdj).hostname(hostname)
                .domainname(domainname).appArmorProfile(appArmorProfile).processLabel(processLabel).sysctl(sysctl)
                .readonlyPaths(readonlyPaths).maskedPaths(maskedPaths).process(process).cgroup(cgroup)
                .seccomp(seccomp).hooks(hooks).platform(platform).idMappings(idMappings);
    }

    public static final class Builder {
        private RootfsSpec rootfs;
        private Set<Namespace> newNamespaces = Set.of();
        private Map<Namespace, String> joinedNamespaces = Map.of();
        private boolean loopback;
        private List<RouteRequest> routes = List.of();
        private List<Rlimit> rlimits = List.of();
        private OptionalInt oomScoreAdj = OptionalInt.empty();
        private Optional<String> hostname = Optional.empty();
        private Optional<String> domainname = Optional.empty();
        private Optional<String> appArmorProfile = Optional.empty();
        private Optional<String> processLabel = Optional.empty();
        private Map<String, String> sysctl = Map.of();
        private List<String> readonlyPaths = List.of();
        private List<String> maskedPaths = List.of();
        private ProcessSpec process;
        private CgroupSpec cgroup = CgroupSpec.NONE;
        private Optional<SeccompFilter> seccomp = Optional.empty();
        private Hooks hooks = Hooks.none();
        private PlatformSpec platform = PlatformSpec.NONE;
        private IdMappings idMappings = IdMappings.NONE;

        private Builder() {}

        public Builder rootfs(RootfsSpec v) { rootfs = v; return this; }
        public Builder newNamespaces(Set<Namespace> v) { newNamespaces = v; return this; }
        public Builder joinedNamespaces(Map<Namespace, String> v) { joinedNamespaces = v; return this; }
        public Builder loopback(boolean v) { loopback = v; return this; }
        public Builder routes(List<RouteRequest> v) { routes = v; return this; }
        public Builder rlimits(List<Rlimit> v) { rlimits = v; return this; }
        public Builder oomScoreAdj(OptionalInt v) { oomScoreAdj = v; return this; }
        public Builder hostname(Optional<String> v) { hostname = v; return this; }
        public Builder domainname(Optional<String> v) { domainname = v; return this; }
        public Builder appArmorProfile(Optional<String> v) { appArmorProfile = v; return this; }
        public Builder processLabel(Optional<String> v) { processLabel = v; return this; }
        public Builder sysctl(Map<String, String> v) { sysctl = v; return this; }
        public Builder readonlyPaths(List<String> v) { readonlyPaths = v; return this; }
        public Builder maskedPaths(List<String> v) { maskedPaths = v; return this; }
        public Builder process(ProcessSpec v) { process = v; return this; }
        public Builder cgroup(CgroupSpec v) { cgroup = v; return this; }
        public Builder seccomp(Optional<SeccompFilter> v) { seccomp = v; return this; }
        public Builder hooks(Hooks v) { hooks = v; return this; }
        public Builder platform(PlatformSpec v) { platform = v; return this; }
        public Builder idMappings(IdMappings v) { idMappings = v; return this; }

        /** Every container has a rootfs and a process; there is no default for either. */
        public ContainerConfig build() {
            requireNonNull(rootfs, "rootfs");
            requireNonNull(process, "process");
            return new ContainerConfig(rootfs, newNamespaces, joinedNamespaces, loopback, routes, rlimits,
                    oomScoreAdj, hostname, domainname, appArmorProfile, processLabel, sysctl, readonlyPaths,
                    maskedPaths, process, cgroup, seccomp, hooks, platform, idMappings);
        }
    }
}
