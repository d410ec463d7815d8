package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Linux platform section (config-linux.md), components in specs-go field order. */
public record Linux(List<IdMapping> uidMappings, List<IdMapping> gidMappings, Map<String, String> sysctl,
                    Optional<Resources> resources, Optional<String> cgroupsPath, List<Namespace> namespaces,
                    List<Device> devices, Map<String, NetDevice> netDevices, Optional<Seccomp> seccomp,
                    Optional<RootfsPropagation> rootfsPropagation, List<String> maskedPaths,
                    List<String> readonlyPaths, Optional<String> mountLabel, Optional<IntelRdt> intelRdt,
                    Optional<MemoryPolicy> memoryPolicy, Optional<Personality> personality,
                    Map<Clock, TimeOffset> timeOffsets) {
    public Linux {
        uidMappings = Copies.list(uidMappings);
        gidMappings = Copies.list(gidMappings);
        sysctl = Copies.map(sysctl);
        requireNonNull(resources, "resources");
        requireNonNull(cgroupsPath, "cgroupsPath");
        namespaces = Copies.list(namespaces);
        devices = Copies.list(devices);
        netDevices = Copies.map(netDevices);
        requireNonNull(seccomp, "seccomp");
        requireNonNull(rootfsPropagation, "rootfsPropagation");
        maskedPaths = Copies.list(maskedPaths);
        readonlyPaths = Copies.list(readonlyPaths);
        requireNonNull(mountLabel, "mountLabel");
        requireNonNull(intelRdt, "intelRdt");
        requireNonNull(memoryPolicy, "memoryPolicy");
        requireNonNull(personality, "personality");
        timeOffsets = Copies.map(timeOffsets);
    }

    /** The namespace of this type, new or joined, if the container has one. */
    public Optional<Namespace> namespace(NamespaceType type) {
        return namespaces.stream().filter(ns -> ns.type() == type).findFirst();
    }

    public boolean hasNamespace(NamespaceType type) {
        return namespace(type).isPresent();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().uidMappings(uidMappings).gidMappings(gidMappings).sysctl(sysctl).resources(resources)
                .cgroupsPath(cgroupsPath).namespaces(namespaces).devices(devices).netDevices(netDevices)
                .seccomp(seccomp).rootfsPropagation(rootfsPropagation).maskedPaths(maskedPaths)
                .readonlyPaths(readonlyPaths).mountLabel(mountLabel).intelRdt(intelRdt).memoryPolicy(memoryPolicy)
                .personality(personality).timeOffsets(timeOffsets);
    }

    public static final class Builder {
        private List<IdMapping> uidMappings = List.of();
        private List<IdMapping> gidMappings = List.of();
        private Map<String, String> sysctl = Map.of();
        private Optional<Resources> resources = Optional.empty();
        private Optional<String> cgroupsPath = Optional.empty();
        private List<Namespace> namespaces = List.of();
        private List<Device> devices = List.of();
        private Map<String, NetDevice> netDevices = Map.of();
        private Optional<Seccomp> seccomp = Optional.empty();
        private Optional<RootfsPropagation> rootfsPropagation = Optional.empty();
        private List<String> maskedPaths = List.of();
        private List<String> readonlyPaths = List.of();
        private Optional<String> mountLabel = Optional.empty();
        private Optional<IntelRdt> intelRdt = Optional.empty();
        private Optional<MemoryPolicy> memoryPolicy = Optional.empty();
        private Optional<Personality> personality = Optional.empty();
        private Map<Clock, TimeOffset> timeOffsets = Map.of();

        private Builder() {}

        public Builder uidMappings(List<IdMapping> v) { uidMappings = v; return this; }
        public Builder gidMappings(List<IdMapping> v) { gidMappings = v; return this; }
        public Builder sysctl(Map<String, String> v) { sysctl = v; return this; }
        public Builder resources(Optional<Resources> v) { resources = v; return this; }
        public Builder resources(Resources v) { return resources(Optional.of(v)); }
        public Builder cgroupsPath(Optional<String> v) { cgroupsPath = v; return this; }
        public Builder namespaces(List<Namespace> v) { namespaces = v; return this; }
        public Builder devices(List<Device> v) { devices = v; return this; }
        public Builder netDevices(Map<String, NetDevice> v) { netDevices = v; return this; }
        public Builder seccomp(Optional<Seccomp> v) { seccomp = v; return this; }
        public Builder rootfsPropagation(Optional<RootfsPropagation> v) { rootfsPropagation = v; return this; }
        public Builder maskedPaths(List<String> v) { maskedPaths = v; return this; }
        public Builder readonlyPaths(List<String> v) { readonlyPaths = v; return this; }
        public Builder mountLabel(Optional<String> v) { mountLabel = v; return this; }
        public Builder intelRdt(Optional<IntelRdt> v) { intelRdt = v; return this; }
        public Builder memoryPolicy(Optional<MemoryPolicy> v) { memoryPolicy = v; return this; }
        public Builder personality(Optional<Personality> v) { personality = v; return this; }
        public Builder timeOffsets(Map<Clock, TimeOffset> v) { timeOffsets = v; return this; }

        public Linux build() {
            return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices,
                    netDevices, seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt,
                    memoryPolicy, personality, timeOffsets);
        }
    }
}
